SELECT 1 FROM DUAL WHERE (SELECT COUNT(*) - COUNT(DISTINCT `id`, `Region`) FROM `Sales Data`.`_destsdk_stage_sync_42_order "items"`) > 0;
