"""Analysis: rows from the store in, series and findings out (dyads now; triads, lows, turning points next)."""
