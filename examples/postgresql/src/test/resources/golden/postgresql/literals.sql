'it''s a \ test';
TRUE;
FALSE;
CAST('2024-01-31 13:45:00.123456+00:00' AS timestamp with time zone);
