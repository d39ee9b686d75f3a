"""Commands of the command line beyond the core ones in dragoman.cli, one module each."""
