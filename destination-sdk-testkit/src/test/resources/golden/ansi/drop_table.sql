DROP TABLE IF EXISTS "Sales Data"."_destsdk_stage_sync_42_order ""items""";
