// Runs before every test file. Kept tiny: tests choose their own clocks and databases.
process.env.TZ ??= 'UTC';
