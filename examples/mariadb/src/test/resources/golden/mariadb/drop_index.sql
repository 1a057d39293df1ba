DROP INDEX `_destsdk_key_sync_42` ON `Sales Data`.`order "items"`;
