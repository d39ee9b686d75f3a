"""Reading across sentences: the document record assembled from the annotated spaCy Doc."""
