INSERT INTO "Sales Data"."_destsdk_rebuild_sync_42" ("id", "c_integer") SELECT "id", CAST("c_integer" AS BIGINT) FROM "Sales Data"."order ""items""";
