SELECT MIN((s.rowid + 1)) FROM "Sales Data"."_destsdk_stage_sync_42_order ""items""" s WHERE s."id" IS NULL OR s."Region" IS NULL;
