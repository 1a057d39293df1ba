ALTER TABLE "Sales Data"."order ""items""" ADD COLUMN "New Column" DATE;
