SELECT 1 FROM "Sales Data"."_destsdk_stage_sync_42_order ""items""" GROUP BY "id", "Region" HAVING COUNT(*) > 1 LIMIT 1;
