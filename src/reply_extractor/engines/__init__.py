"""Where a batch's files are read and extracted: in this process or its worker
pool (batch.py, the default), or on a cluster (`dask_engine`). Every engine
calls batch.extract_file per file and hands the results back to the batch in
input order, so records, errors, links and index are the same whichever ran."""
