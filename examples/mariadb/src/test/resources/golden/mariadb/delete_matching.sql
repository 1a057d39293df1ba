DELETE t FROM `Sales Data`.`order "items"` t JOIN `Sales Data`.`_destsdk_stage_sync_42_order "items"` s ON t.`id` = s.`id` AND t.`Region` = s.`Region` WHERE s.`_supa_deleted` = TRUE;
