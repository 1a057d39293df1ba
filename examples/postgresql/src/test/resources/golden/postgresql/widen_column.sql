ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "c_integer" TYPE bigint USING CAST("c_integer" AS bigint);
ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "c_timestamp" TYPE timestamp with time zone USING CAST("c_timestamp" AS timestamp) AT TIME ZONE 'UTC';
ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "Region" TYPE text USING CAST("Region" AS text);
