"""Reading documents: bytes → text (:mod:`.decode`), one Unicode form
(:mod:`.normalize`), page furniture removed and lines rejoined (:mod:`.clean`),
letterhead facts (:mod:`.metadata`)."""
