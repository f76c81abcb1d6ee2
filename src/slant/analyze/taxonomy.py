"""The SemEval-2023 Task 3 label sets, with a plain-language explanation of each technique.

Names are exactly those of the official scorers' ``techniques_subtask3.txt`` and
``frames_subtask2.txt``, so predictions can be scored against the shared-task gold files.
"""

from __future__ import annotations

import math

#: technique -> (coarse category, one-sentence explanation for readers)
TECHNIQUES: dict[str, tuple[str, str]] = {
    "Appeal_to_Authority": ("Justification", "Claims something is true because an authority or expert said so, without other evidence."),
    "Appeal_to_Popularity": ("Justification", "Argues that something is right or true because many people agree with it or do it."),
    "Appeal_to_Values": ("Justification", "Links an idea to values the audience holds dear (freedom, tradition, justice) to win approval."),
    "Appeal_to_Fear-Prejudice": ("Justification", "Builds support for an idea by stirring fear of an alternative or prejudice against a group."),
    "Flag_Waving": ("Justification", "Appeals to patriotism or group identity to justify or promote an idea."),
    "Causal_Oversimplification": ("Simplification", "Presents one cause for an outcome that has many, or treats correlation as causation."),
    "False_Dilemma-No_Choice": ("Simplification", "Presents two options as the only possibilities when more exist, or dictates a single choice."),
    "Consequential_Oversimplification": ("Simplification", "Claims a first step will inevitably lead to a chain of (usually bad) consequences."),
    "Straw_Man": ("Distraction", "Refutes a distorted or weaker version of an opponent's argument instead of the real one."),
    "Red_Herring": ("Distraction", "Diverts attention to an irrelevant topic to avoid the issue being discussed."),
    "Whataboutism": ("Distraction", "Deflects criticism by pointing to the opponent's own alleged wrongdoing."),
    "Slogans": ("Call", "Uses a brief, catchy phrase that works through emotion rather than argument."),
    "Appeal_to_Time": ("Call", "Urges that action must be taken now because the moment has come or time is running out."),
    "Conversation_Killer": ("Call", "Uses a phrase that discourages further thought or discussion (a thought-terminating cliché)."),
    "Loaded_Language": ("Manipulative wording", "Uses words with strong emotional connotations to sway the reader."),
    "Repetition": ("Manipulative wording", "Repeats the same message or phrase so that it sticks and seems true."),
    "Exaggeration-Minimisation": ("Manipulative wording", "Makes something seem much larger, better or worse, or much smaller, than it is."),
    "Obfuscation-Vagueness-Confusion": ("Manipulative wording", "Uses deliberately unclear words so that the audience can read into them what it likes."),
    "Name_Calling-Labeling": ("Attack on reputation", "Attaches a loaded label to a person or group so the audience judges them by it."),
    "Doubt": ("Attack on reputation", "Questions the credibility or character of someone to undermine what they say."),
    "Guilt_by_Association": ("Attack on reputation", "Discredits someone by linking them to a group or person the audience dislikes."),
    "Appeal_to_Hypocrisy": ("Attack on reputation", "Attacks someone's position by accusing them of hypocrisy rather than engaging with it."),
    "Questioning_the_Reputation": ("Attack on reputation", "Attacks someone's reputation or character with strong negative claims, unrelated to the argument."),
}

TECHNIQUE_NAMES: tuple[str, ...] = tuple(TECHNIQUES)

FRAMES: tuple[str, ...] = (
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
    "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
    "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation",
)

GENRES: tuple[str, ...] = ("reporting", "opinion", "satire")


#: The six families of the SemEval-2023 taxonomy, each with a colour-blind-safe hue (Okabe-Ito
#: palette) as (strong, pale background). Highlights are coloured by family; the technique itself
#: is named in the label and tooltip.
FAMILY_COLOURS: dict[str, tuple[str, str]] = {
    "Attack on reputation": ("#D55E00", "#F7D4BF"),  # vermillion
    "Justification": ("#0072B2", "#BFDCEC"),  # blue
    "Simplification": ("#009E73", "#BFE7DC"),  # bluish green
    "Distraction": ("#CC79A7", "#F2DDE9"),  # reddish purple
    "Call": ("#B8A800", "#F3EE8E"),  # yellow (darkened for text on white)
    "Manipulative wording": ("#E69F00", "#FBD38D"),  # orange
}

#: A paragraph tag at this calibrated probability or more is "likely" (more likely than not);
#: below it, down to the model's shared threshold, "possible" (see the model card for how often
#: each is right out of fold).
LIKELY = 0.5

#: What a technique score means, in plain words (shown next to scores in every view).
SCORE_MEANING = ("Scores are calibrated probabilities: of the passages given 70%, about 7 in 10 carry "
                 "the technique according to human annotators (measured out of fold on the training articles). "
                 "A paragraph tag at 50% or more is marked likely; below 50% it is possible, "
                 "and more often wrong than right.")


#: What the genre and frame scores mean (shown under them in every view).
GENRE_MEANING = ("Genre: the calibrated probability that the article is straight reporting, opinion or satire "
                 "(checked on outlets the model never saw). The genre is named only when its probability is "
                 "50% or more and the text is long enough to judge; otherwise it is uncertain.")
#: why no genre is named when the text is long enough but no genre reaches 50%
GENRE_NO_MAJORITY = "no genre reaches 50%"
#: how the reason of a text too short to judge begins (:func:`slant.analyze.persuasion.genre_labels`)
GENRE_TOO_SHORT = "too short to judge the genre"
#: said instead of the genre scores of a text too short to judge: at that length they are not calibrated
#: (held out by outlet, top-label ECE 0.12-0.15 under 75 words against 0.036 on whole texts; model card)
GENRE_SHORT_NO_SCORES = "No scores shown: at this length they are not calibrated."


def genre_uncertain(labels) -> str:
    """Why no genre is named ("" when one is): the labels' reason, else :data:`GENRE_NO_MAJORITY`
    (documents written before labels carried one)."""
    if not labels or any(l.selected for l in labels):
        return ""
    return next((l.reason for l in labels if getattr(l, "reason", "")), GENRE_NO_MAJORITY)


def genre_too_short(labels) -> bool:
    """True when no genre is named because the text is too short to judge: the views then show no
    genre probabilities (they are not calibrated at that length); the JSON keeps them."""
    return genre_uncertain(labels).startswith(GENRE_TOO_SHORT)


FRAMES_MEANING = ("Frames: the calibrated probability that annotators would mark the article with each frame "
                  "(an article can have several; measured out of fold). Frames that pass the model's threshold "
                  "are marked as the article's frames.")


def percent(p: float | None, *, exact_ends: bool = False) -> str:
    """A probability as a reader should see it: whole percents, but never "100%" or "0%" (no model
    output is certain): what would round to 100% reads ">99%", what would round to 0% "<1%" (decided
    on the rounded value: 0.005 rounds half to even to "0%"). No number (None, NaN) reads "".

    ``exact_ends`` is for a share that is no probability and can be whole (how alike two articles are:
    an exact copy is 1): exactly 1 (or more) reads "100%" and exactly 0 (or less) "0%"; every value
    between reads as a probability does, so an estimate of 0.996 is ">99%", never "100%"."""
    if p is None:
        return ""
    p = float(p)
    if math.isnan(p):
        return ""
    if exact_ends and (p >= 1.0 or p <= 0.0):
        return "100%" if p >= 1.0 else "0%"
    shown = f"{p:.0%}"
    if p >= 0.995 or shown == "100%":
        return ">99%"
    if p < 0.005 or shown in ("0%", "-0%"):
        return "<1%"
    return shown


def confidence(score: float | None) -> str:
    """"likely" for a calibrated probability of at least :data:`LIKELY`, else "possible"."""
    return "likely" if score is not None and score >= LIKELY else "possible"


def family(technique: str) -> str:
    """The taxonomy family of ``technique`` ("" for unknown names)."""
    return TECHNIQUES.get(technique, ("", ""))[0]


def family_colour(technique: str, pale: bool = True) -> str:
    """The family hue of ``technique`` (grey for unknown names)."""
    pair = FAMILY_COLOURS.get(family(technique))
    if pair is None:
        return "#E0E0E0" if pale else "#666666"
    return pair[1] if pale else pair[0]


def explain(technique: str) -> str:
    """The one-sentence explanation of ``technique`` (empty for unknown names)."""
    return TECHNIQUES.get(technique, ("", ""))[1]


def human_name(label: str) -> str:
    """'Name_Calling-Labeling' -> 'Name calling / labeling'."""
    return label.replace("_", " ").replace("-", " / ").capitalize()
