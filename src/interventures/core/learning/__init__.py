"""Learning across regions, the pure part: search text, transferability aggregation, gap-based
matching of good practices, the Interreg capacity indicator, and the method's plan against what was
done. Nothing here imports Django."""
