"""Stories: near-duplicate copies, which mentions report one happening, and the incremental linking that keeps both in the store."""
