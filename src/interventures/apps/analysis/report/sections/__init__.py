"""The analysis app's own sections of the Situation Analysis Report: one builder per module,
`build(ReportContext) -> Section`, listed by number in report/document.py."""
