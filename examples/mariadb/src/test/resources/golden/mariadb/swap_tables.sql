RENAME TABLE `Sales Data`.`order "items"` TO `Sales Data`.`_destsdk_old_sync_42`, `Sales Data`.`_destsdk_new_sync_42` TO `Sales Data`.`order "items"`;
