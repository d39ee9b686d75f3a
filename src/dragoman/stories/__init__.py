"""Stories: near-duplicate copies, which mentions report one happening, threads of documents about one affair, and the incremental linking that keeps them in the store."""
