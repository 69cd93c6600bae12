"""Resolution: from what the text says to coded values (CAMEO scores, dates, roles). Pure functions, no spaCy."""
