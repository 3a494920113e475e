"""The Situation Analysis Report of one region as plain content (sections of paragraphs, tables,
charts and lists), built once from the stored figures and rendered three ways: the web page, the
PDF (WeasyPrint) and the DOCX (python-docx). Every figure passes through `FigureText`, so a
suppressed cell reads the same everywhere and no value of it can reach any output.

- document.py: SituationDocument and build_document (sections in number order, registered ones
  from apps/common/sections.py);
- context.py: what every section reads (ReportContext);
- sections/: one builder per section;
- text.py: figures as text; labels.py: names of the variables in the reader's language.
"""

from interventures.apps.common.sections import Block, Bullets, Chart, Paragraph, Section, Table

from .document import SituationDocument, build_document
from .labels import Labels
from .text import FigureText, figure_headers, figure_row, fmt, fmt_small

__all__ = [
    "Block",
    "Bullets",
    "Chart",
    "FigureText",
    "Labels",
    "Paragraph",
    "Section",
    "SituationDocument",
    "Table",
    "build_document",
    "figure_headers",
    "figure_row",
    "fmt",
    "fmt_small",
]
