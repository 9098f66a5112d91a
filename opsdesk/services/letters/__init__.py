"""Letters from templates: the office's templates and the letters printed from cases."""
