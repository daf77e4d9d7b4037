"""The office's own documents, written on the clerk's machine (not part of the reader's build).

``paperless.office.consolidation``: the consolidation table of members' comments on drafts
(BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN) as DOCX, XLSX or PDF. Qt-free and PyMuPDF-free;
needs the ``office`` extra (python-docx, openpyxl) and LibreOffice for the PDF.
"""
