"""Running the pipeline over many documents: the per-document pipeline, partitions, local processes and Dask."""
