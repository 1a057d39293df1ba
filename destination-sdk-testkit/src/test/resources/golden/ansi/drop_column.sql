ALTER TABLE "Sales Data"."order ""items""" DROP COLUMN "New Column";
