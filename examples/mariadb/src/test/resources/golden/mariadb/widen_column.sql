ALTER TABLE `Sales Data`.`order "items"` MODIFY COLUMN `c_integer` BIGINT;
ALTER TABLE `Sales Data`.`order "items"` MODIFY COLUMN `c_timestamp` DATETIME(6);
ALTER TABLE `Sales Data`.`order "items"` MODIFY COLUMN `Region` LONGTEXT NOT NULL;
