ATTACH DATABASE '/data/sqlite/Sales+Data.sqlite' AS "Sales Data";
