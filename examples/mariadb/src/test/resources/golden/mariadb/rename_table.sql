RENAME TABLE `Sales Data`.`_destsdk_stage_sync_42_order "items"` TO `Sales Data`.`order "items"`;
