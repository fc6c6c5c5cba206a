"""Reading documents: file formats → text (:mod:`.formats`: plain text, :mod:`.html`,
:mod:`.docx`, :mod:`.pdf`), bytes → text with the encoding decided on evidence
(:mod:`.decode`, :mod:`.detect`, :mod:`.legacy` for TCVN3/VNI/Windows-1258,
:mod:`.syllables`), one Unicode form (:mod:`.normalize`), page furniture removed
and lines rejoined (:mod:`.clean`), letterhead facts (:mod:`.metadata`)."""
