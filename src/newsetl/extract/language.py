"""Document language (ISO 639-1) with lingua, offline: ``LanguageDetector.language_of``.

lingua ships its models inside the wheel. Only the configured candidate languages are
loaded (fewer candidates: faster and less confusion between close languages), in
low-accuracy mode on a sample of the text: for article-length input it agrees with the
high-accuracy mode and costs about a millisecond per document.
"""

from __future__ import annotations

from collections.abc import Sequence

from lingua import IsoCode639_1, LanguageDetectorBuilder


class UnknownLanguageCode(ValueError):
    pass


class LanguageDetector:
    def __init__(self, candidates: Sequence[str], sample_chars: int, min_letters: int) -> None:
        codes = []
        for code in candidates:
            iso = getattr(IsoCode639_1, code.upper(), None)
            if iso is None:
                raise UnknownLanguageCode(f"lingua does not know the language code {code!r}")
            codes.append(iso)
        if len(codes) < 2:
            raise UnknownLanguageCode("language detection needs at least two candidate languages")
        self._detector = (
            LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
            .with_low_accuracy_mode()
            .with_preloaded_language_models()
            .build()
        )
        self._sample_chars = sample_chars
        self._min_letters = min_letters

    def language_of(self, text: str) -> str | None:
        """The language of ``text``, or None when there is too little text to tell."""
        sample = text[: self._sample_chars]
        if sum(ch.isalpha() for ch in sample) < self._min_letters:
            return None
        found = self._detector.detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else None
