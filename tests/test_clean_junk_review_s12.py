"""Review of session 12's long notices (set W3's categories): each line here is a real-looking news sentence that a
too-wide notice pattern removed; it must stay, while the notice the pattern was written for still goes (see
tests/test_clean_junk_set_w3.py)."""

from __future__ import annotations

import pytest

from slant.clean import clean_record
from slant.ingest.record import RawRecord

_BEFORE = [
    "The city council voted 7-2 on Tuesday night to approve a new budget that raises property taxes by 3 percent.",
    "Residents packed the chamber for more than four hours, many of them opposed to a plan to close two libraries.",
]
_AFTER = [
    "The mayor defended the plan, arguing that the city had put off maintenance for a decade.",
    "The budget takes effect on July 1, and the first tax bills will go out in the autumn.",
]


@pytest.mark.parametrize("line", [
    "The economist calculated that if every subscriber paid $1 more a month, the streaming company would break even "
    "by next spring.",
    "The plan is simple — give $500 to every household earning less than $40,000 and review the results in a year.",
    "Under the new plan, customers can join for $5 a month and cancel at any time.",
    "The company set up backup sites in case the main data centre failed during the storm.",
    "If the website is blocked, millions of Russians will lose access to one of the last independent newsrooms.",
    "Under the proposed law, news aggregators that reuse publishers' content must include a link back, and payment "
    "would be mandatory for large platforms.",
    "The bill would require that information about the link between social media use and anxiety be made mandatory in "
    "school health classes.",
    "Information may be used by police only with a warrant signed by a judge, the court ruled.",
    "The charity was registered with the Registry of Charities in 2010 and has since raised more than $3 million for "
    "flood victims.",
    "The clinic is a sponsored project of the state university.",
    "The festival is a sponsored program of the county arts council.",
    "The museum has digitised its whole collection so that anyone can see it on the web without paying an entrance fee.",
    "This Christmas was made possible by dozens of volunteers who gave up their weekends.",
    "The drug has not been evaluated by federal regulators, and online sellers are not licensed.",
    "Users rushed to download the app before it is banned in the United States on Sunday.",
    "Home prices are off 20% from their peak in some cities, and analysts call 2024 the bottom of the market.",
    "In this year's Chelsea Flower Show – which opens on Tuesday – designers have turned to drought-tolerant plants.",
    "In the latest episode – watched by eight million people – the detective finally confronts her former partner.",
    "Many of the reports are written by volunteers with little training, the study of local news deserts found.",
    "Quoting from the sealed documents is allowed only with a judge's approval under the court's order.",
    "Distribution of the material was prohibited by a court order on Friday, but copies had already spread online.",
    "Critics say the platform's comments with racist slurs will be removed too slowly to matter.",
])
def test_clean_junk_review_s12_news_sentences_kept(line):
    raw = "Council approves new budget\n\n" + "\n\n".join(_BEFORE + [line] + _AFTER) + "\n"
    doc = clean_record(RawRecord(id="t", source="t", raw=raw))
    assert line not in {r.text for r in doc.removed}
