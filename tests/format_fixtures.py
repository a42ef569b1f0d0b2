"""Fixtures in the formats replies are published in, made from the project's
own replies: LibreOffice converts a .docx (or .txt) to .doc/.pdf, and a PDF
rendered at 300 dpi and saved as images in a PDF is a scan. Used by the tests
and by bench/formats.py; nothing third-party is committed.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], to: str, outdir: Path, timeout: float = 600) -> list[Path]:
    """`files` converted by one LibreOffice run (`to`: doc, pdf, docx …) into
    outdir, in a throw-away profile. Returns the converted files, same order."""
    office = soffice()
    if office is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rx-fixture-profile-") as profile:
        subprocess.run([office, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--norestore", "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=timeout, start_new_session=True)
    made = [outdir / f"{f.stem}.{to.split(':')[0]}" for f in files]
    missing = [m for m in made if not m.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert: {missing}")
    return made


def scan(pdf: Path, dest: Path, dpi: int = 300) -> Path:
    """A scanned copy of `pdf`: each page rendered to a grey image at `dpi`,
    the images saved as a PDF with no text layer."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()
    dest.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(dest, save_all=True, append_images=images[1:], resolution=dpi)
    return dest


def page_image(pdf: Path, dest: Path, page: int = 0, dpi: int = 300) -> Path:
    """One page of `pdf` as an image file (format from dest's suffix)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc[page].render(scale=dpi / 72, grayscale=True).to_pil().save(dest, dpi=(dpi, dpi))
    finally:
        doc.close()
    return dest
