SELECT COUNT(*) FROM "Sales Data"."_destsdk_stage_sync_42_order ""items""" s WHERE (s.rowid + 1) <= 42;
