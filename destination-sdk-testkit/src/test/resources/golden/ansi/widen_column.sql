ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "c_integer" SET DATA TYPE BIGINT;
ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "c_timestamp" SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "Region" SET DATA TYPE CLOB;
