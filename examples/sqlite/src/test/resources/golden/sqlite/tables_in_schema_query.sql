SELECT name, type FROM pragma_table_list WHERE schema = 'Sales Data' COLLATE NOCASE AND type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\';
