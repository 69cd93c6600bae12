"""Reports: series and events in, text for people out (the demo report now; briefs later)."""
