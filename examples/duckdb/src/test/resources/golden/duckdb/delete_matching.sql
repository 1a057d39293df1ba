DELETE FROM "Sales Data"."order ""items""" AS t USING "Sales Data"."_destsdk_stage_sync_42_order ""items""" AS s WHERE t."id" = s."id" AND t."Region" = s."Region" AND s."_supa_deleted" = TRUE;
