TRUNCATE TABLE "Sales Data"."order ""items""";
