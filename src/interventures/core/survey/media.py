"""Files the web form takes for image, audio, video and file questions: what a file is, told by its
first bytes (never by the name or the browser's word), and whether the question takes it. The
answer stored is the file's name, as KoboToolbox and ODK Central write it in their exports."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FILE_BYTES = 10 * 1024 * 1024
"""One file (a phone's photo or a minute of audio is a few MB; KoboToolbox's default limit is 10 MB)."""
MAX_FILES_PER_RESPONSE = 20
"""Files one response may hold (a survey asks a few photos or documents)."""
MEDIA_QUESTION_TYPES = ("image", "audio", "video", "file")


@dataclass(frozen=True)
class Kind:
    """A kind of file: the family (image, audio, video, document), its usual extension and the
    content type it is served with."""

    family: str
    extension: str
    content_type: str


def _ftyp(head: bytes) -> bytes:
    return head[8:12] if head[4:8] == b"ftyp" else b""


def sniff(head: bytes) -> Kind | None:
    """The kind of a file from its first 64 bytes, or None for one the platform does not take."""
    brand = _ftyp(head)
    if head.startswith(b"\xff\xd8\xff"):
        return Kind("image", ".jpg", "image/jpeg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind("image", ".png", "image/png")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Kind("image", ".gif", "image/gif")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind("image", ".webp", "image/webp")
    if brand in (b"heic", b"heix", b"mif1", b"heim", b"hevc"):
        return Kind("image", ".heic", "image/heic")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Kind("audio", ".wav", "audio/wav")
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return Kind("audio", ".mp3", "audio/mpeg")
    if head.startswith(b"OggS"):
        return Kind("audio", ".ogg", "audio/ogg")
    if head.startswith(b"#!AMR"):
        return Kind("audio", ".amr", "audio/amr")
    if brand in (b"M4A ", b"M4B "):
        return Kind("audio", ".m4a", "audio/mp4")
    if brand.startswith(b"3gp") or brand.startswith(b"3g2"):
        return Kind("video", ".3gp", "video/3gpp")
    if brand == b"qt  ":
        return Kind("video", ".mov", "video/quicktime")
    if brand:
        return Kind("video", ".mp4", "video/mp4")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Kind("video", ".webm", "video/webm")
    if head.startswith(b"%PDF-"):
        return Kind("document", ".pdf", "application/pdf")
    if head.startswith(b"PK\x03\x04"):
        return Kind("document", ".zip", "application/zip")  # docx, xlsx, odt... are zips
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:  # not a character cut at the end of the 64 bytes
                return None
        return Kind("document", ".txt", "text/plain")
    return None


_FAMILIES = {"image": ("image",), "audio": ("audio",), "video": ("video",)}


def takes(question_type: str, kind: Kind, filename: str, accept: str = "") -> bool:
    """Whether a question takes a file of `kind`: image questions images, audio audio, video video;
    a `file` question any kind the platform takes, narrowed by its `body::accept` list of
    extensions (".pdf,.docx") where the form gives one."""
    if question_type in _FAMILIES:
        return kind.family in _FAMILIES[question_type]
    if question_type != "file":
        return False
    wanted = [a.strip().lower() for a in accept.split(",") if a.strip()]
    if not wanted:
        return True
    ext = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    return ext in wanted or kind.content_type in wanted or f"{kind.family}/*" in wanted


def clean_name(raw: str, kind: Kind) -> str:
    """The uploader's file name without any folder, reduced to letters, digits, dots, dashes and
    underscores (as collecting apps name attachments), with an extension; never used as a path."""
    base = re.split(r"[\\/]", raw or "")[-1]
    clean = re.sub(r"[^\w.\-]", "_", base).strip("._")[:100]
    if not clean:
        clean = "upload"
    if "." not in clean:
        clean += kind.extension
    return clean
