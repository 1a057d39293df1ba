ALTER TABLE "Sales Data"."_destsdk_stage_sync_42_order ""items""" RENAME TO "order ""items""";
