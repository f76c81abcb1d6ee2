"""Junk by category: what a line is about, and whether the site is speaking to its reader.

A newsletter prompt, a consent banner or a report-an-error widget comes in endless wordings, so
these are recognised by two independent traits rather than by strings:

* **topic**: the line is about the category's subject (newsletters, inboxes and alerts; cookies,
  tracking and personal data; errors, typos and corrections), found through small word families;
* **address**: the site speaks to the reader: second person ("you", "your"), the site itself
  ("we", "our", "us"), an imperative opening a sentence ("Sign up", "Manage", "Report"), or a
  short question to the reader ("Spotted a mistake?"). Reported speech (a line opening with a
  quote mark, or holding "said", "told", "according to") is the article talking, not the site.

A line with both is that category, whatever its length (up to ``MAX_WORDS``): a 40-word consent
banner is as much junk as a 4-word one. An article's prose about cookies, newsletters or errors
has the topic but not the address ("Regulators fined the company for placing cookies ..."), and an
editor's correction note ("Correction: An earlier version ...") has neither address nor
imperative, so it stays. The buttons of these widgets ("Manage preferences", "Reject all",
"Sign me up", "Report a typo") are short lines made only of the category's button words with one
of its key words.

Each hit carries its evidence in plain words ("about cookies or tracking ('cookies', 'partners');

How the rules were built, set by set, with the first-run figure of every set: docs/cleaning.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from slant.clean.literal_gate import AnyOf, WordMasks
from slant.clean.literal_gate import gated as _literal_gated

#: a line longer than this is prose, whatever it mentions
MAX_WORDS = 60
#: logit weight of a category hit: enough to outvote a long, sentence-like line between
#: paragraphs (length -2, ends like a sentence -1, function words -1, inside the body -1.5, bias -1)
CATEGORY_WEIGHT = 9.0
#: weight of a button line of a category ("Manage preferences")
BUTTON_WEIGHT = 7.0
#: the category that only says the page asks something of its reader: a specific cue's name wins over it
GENERIC_CATEGORY = "call to action"
#: most words a button line has
BUTTON_MAX_WORDS = 6
#: words a button may join its parts with ("Accept and close", "Errors and corrections policy")
BUTTON_JOINERS = frozenset(("and", "or", "for", "to", "the", "a", "your"))
#: the first scoring of the held-out templates, before any change made after seeing it:
#: (junk decisions removed, of all; content decisions kept, of all)
HELD_OUT_FIRST_RUN = ((52, 52), (31, 32))


@dataclass(frozen=True, slots=True)
class CategoryHit:
    """A line's category, how strongly it counts, and the evidence in plain words."""

    category: str  # the reason the cleaner reports: "consent banner", "subscribe prompt", ...
    weight: float
    evidence: str


@dataclass(frozen=True)
class _Category:
    name: str
    topic_words: str  # plain words for the topic, used in the evidence
    topic: re.Pattern[str]  # terms that are about the subject and little else ("newsletter", "cookies")
    weak: re.Pattern[str]  # terms prose uses for other things too ("briefing", "mistake", "every morning")
    button_words: frozenset[str]
    button_keys: frozenset[str]
    #: verbs that open the category's prompts ("sign up", "manage", "report")
    imperatives: frozenset[str]
    #: what the reader is asked to do, when the category needs it ("report", "let us know"): an
    #: article admitting a mistake speaks of errors to its reader too, but asks nothing
    action: re.Pattern[str] | None = None
    #: topic weight a short line needs (the action, when required, already narrows it)
    short_needs: int = 2
    #: False for notices that speak to nobody (a copyright line, an author's bio): the topic alone
    #: decides, but never on reported speech or a quotation
    needs_address: bool = True
    #: topic weight a line over SHORT_WORDS words needs
    long_needs: int = 3
    #: the reader's address only from "you"/"your", an imperative or the page naming itself, outside
    #: quotes (not "we"/"our" or a bare question, which opinion prose uses too)
    strict_address: bool = False
    #: whether the page naming itself ("this story") counts as the address (not for calls to action,
    #: where "story" is also the topic: "Randolph wouldn't comment for this story.")
    self_address: bool = True
    #: the category's own notices, which need no address: the rules a site states about itself in
    #: the present tense ("Abusive comments will be removed.", "Strictly necessary cookies are always
    #: on."); never in a quotation or reported speech, and only on lines up to SHORT_WORDS words
    #: unless the first sentence holds it
    notice: re.Pattern[str] | None = None
    #: when a product comes and what it is: both in a line count as one strong term
    schedule: re.Pattern[str] | None = None
    product: re.Pattern[str] | None = None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: a form's checkbox or button worded as the reader ("Notify me of new posts by email.", "Save my
#: name, email, and website in this browser ...", "Remind me later")
_CHECKBOX = r"(?i:notify|e-?mail|send|alert|text|remind|remember|save|keep) (?:me|my)\b"
_CHECKBOX_RE = re.compile(_CHECKBOX)

#: a reporter's beat: what a bio says its writer covers ("Sarah Jones covers education.")
_BEATS = ("politics|education|health|crime|courts|business|economics|science|technology|tech|climate|energy|"
          "environment|transport|sport|sports|culture|arts|media|immigration|housing|city hall|the statehouse|"
          "congress|parliament|westminster|the white house|foreign affairs|defence|defense|security|finance|markets|"
          "food|travel|music|film|books|religion|justice|law|local government|policing|agriculture|labour|labor")

_NAME = r"(?-i:(?!(?:The|A|An|This|That|It|He|She|They|We|You|I|There|Here)\b)[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){%s})"
_ROLE = r"(?:editor|reporter|correspondent|writer|columnist|journalist|critic|producer|photographer|author)"
#: where a bio's first sentence may end: its end, or the outlet it works for ("... for the Gazette.")
#: a bio's second sentence, on the writer's career ("... from Adelaide. He has reported on the wine industry for a decade.")
_BIO_MORE = (r"(?:\.\s+(?-i:He|She|They) (?:previously (?:worked|reported|wrote|covered|was|were)|(?:has|have) (?:reported|covered|"
             r"written|worked)|joined (?:the|us|in)|(?:was|were) (?:previously|formerly)|(?:has|have) been (?:a|an|the|with)|"
             r"spent \w+ years)\b[^.!?]{0,100})?\.?$")
_BIO_END = r"(?: (?:for|at|from|in|with) (?:the )?(?-i:[A-Z][\w'’.-]*(?: (?:of |and |& )?[A-Z][\w'’.-]*){0,3}))?(?:[.!?](?=\s|$)|$)"
#: a word of a beat as a bio names it: lower-case, no function word ("the coast, ports and the fishing industry")
_BEAT_WORD = r"(?-i:(?!(?:and|the|in|on|at|to|a|an|by|with|from|into|his|her|their|its|this|that|these|those|is|are|was|were|as|but|which|who|of|for|over|after|before|during|about|up|out|off|under|than)\b)[a-z][\w'’-]*)"
#: the shapes of a bio's first sentence, by structure rather than a list of beats: "<Name> is
#: (the) <beat> editor|reporter|...", "(Written) by <Name>, <role words> ...", "<Name> covers|reports on|writes
#: about <a beat of plain lower-case words> (for|from <Place or Outlet>)." (not "Smith covers the story in a
#: new book", "He reports on Tuesday's vote": a function word, a pronoun or a capital inside the beat)
_BIO_SHAPES = (
    r"^(?:by " + _NAME % "1,2" + r"\.\s+)?" + _NAME % "0,2" + r" is (?:the |our |an? )?(?:[\w'’-]+ |and |& ){0,4}" + _ROLE
    + _BIO_END + r"|^"
    # a contributor's bio goes on in a relative clause ("X is a contributing writer who holds a PhD in ...")
    + _NAME % "1,2" + r" is (?:an? |our )(?:[\w'’-]+ ){0,2}(?:contributing|staff|freelance|guest|regular) " + _ROLE
    + r" (?:who (?:holds|has (?:written|reported|covered|worked)|writes|covers|reports on|specialises|specializes)|based in)\b"
    r"[^.!?]{0,120}(?:[.!?]\s[^\"“”]{0,160})?$|^(?:written |words |text |reporting )?by " + _NAME % "1,2" + r", (?:an? |the |our )?(?:[\w'’-]+ ){0,3}"
    + _ROLE + r"s?\b(?![^.!?]*\b(?:is|are|was|were|has|have|had|will|would|could|can|did)\b)|^" + _NAME % "1,2" + r" (?:covers|reports on|writes about|writes on) (?:the )?" + _BEAT_WORD
    + r"(?:,? (?:(?:and|&) )?(?:the )?" + _BEAT_WORD + r"){0,7}" + _BIO_END)

#: the kinds of cookies a consent banner lists (its term of art, not prose about cookies)
_COOKIE_KINDS = (r"\b(?:strictly necessary|necessary|essential|non-essential|optional|additional|functional|functionality|"
                 r"performance|analytics?|analytical|targeting|preference|statistics|marketing) cookies\b")


#: "by continuing to browse", of the site or with the reader as the next word, not "by continuing to
#: browse the shelves after closing"
_CONTINUING = (r"\bby continuing to (?:use|browse|visit|navigate)(?=\s*(?:[,.;:!)]|$|you\b|(?:this|our|the) "
               r"(?:web ?)?(?:site|sites|pages?|services?|app|platform)\b))")


_CATEGORIES: tuple[_Category, ...] = (
    _Category(
        "consent banner", "cookies, tracking or personal data",
        re.compile(
            # the site saying what it does with cookies, a phrase of its own that counts besides
            # "cookies" ("By using them, you agree to our use of cookies.", "When you use our sites,
            # we use cookies to ...", "Cookies help us deliver our services.")
            r"\b(?:our|the|its) use of cookies\b|\bwe (?:and our (?:partners|vendors) )?(?:use|set|place|store|rely on) "
            r"cookies\b|\bcookies (?:help|allow|enable|let) us\b|\bsimilar tools\b|"
            r"\bcookies?\b|\btracking (?:technolog\w*|tools?|pixels?)\b|\bsimilar technolog\w*\b|"
            r"\brelated (?:tools|technolog\w*)\b|\bpersonal (?:data|information)\b|\byour data\b|"
            r"\bdata such as\b|\bip address\w*\b|\bbrowsing (?:activity|data|history|behaviou?r)\b|"
            r"\bunique ids?\b|\bdevice identifiers?\b|\bpersonali[sz](?:e|ed|ing) (?:content|ads|advertising)\b|"
            r"\b(?:relevant|tailored|targeted|personali[sz]ed) (?:ads|advertising|adverts)\b|"
            r"\bads? (?:performance|measurement|preferences|tailored)\b|\bmeasure (?:ad|audience)\w*\b|"
            r"\bthird[- ]party (?:partners|vendors)\b|\bconsent\b|\blegitimate interest\b|"
            r"\bprivacy (?:settings|choices|preferences|policy|cent(?:er|re)|options|notice|statement)\b|\bdo not sell\b|"
            r"\byour privacy\b|\bstor(?:e|ing) (?:and/or access )?information on (?:a|your) device\b|"
            r"\bopt(?:-| )out\b|\bpersonal info\b|\bsensitive (?:personal )?(?:data|information|info)\b|"
            r"\bprivacy rights\b|" + _CONTINUING + "|"
            r"\b(?:click|tap|press|select)(?:ing)? (?:on )?['\"“‘]?(?:accept|agree|allow|i agree)\b|"
            r"\bprecise geolocation\b|\bdevice characteristics\b|\bprocess (?:your )?(?:personal )?data\b|" + _COOKIE_KINDS,
            re.IGNORECASE),
        re.compile(r"\bpartners\b|\bvendors\b|\bpreferences\b|\bsettings\b|\bpersonali[sz]\w*|"
                   r"\badvertis\w*|\bexperience\b|\banalytics?\b|\bvisitors\b|\bembed(?:s|ded)?\b|"
                   # what a banner says cookies are for besides ads ("to authenticate users and apply security
                   # measures across our sites and apps")
                   r"\bauthenticat\w+ (?:users|you|your)\b|\bsecurity measures\b|\bsites and apps\b",
                   re.IGNORECASE),
        _words("accept reject allow all manage customise customize review update change edit modify adjust "
               "preferences preference options more "
               "settings consent necessary essential only agree i decline choices your my selection and "
               "continue save privacy cookies cookie do not sell share personal information we value close notice banner "
               "statement show view see list of manager center centre hub dashboard take me no yes overview details data about "
               "site "
               "ok got it learn view vendor vendors partners purposes legitimate interest confirm exit strictly "
               "required use non functional analytics marketing set without recommended selected"),
        _words("accept reject allow manage customise customize preferences preference options settings "
               "consent necessary essential agree decline choices selection privacy cookies cookie sell "
               "vendor vendors partners purposes"),
        _words("accept reject allow manage customise customize change update withdraw review agree decline opt"),
        notice=re.compile(_CONTINUING + r"|^(?:[\w!,. ]{0,12})?we (?:and our (?:partners|vendors) )?(?:use|set|place|store) "
                          # or after a fronted clause ("When you browse our pages, we use cookies ...")
                          r"cookies\b|^(?:when|while|if|as|whenever) you [^.!?\"“”]{1,60},\s*we (?:and our (?:partners|vendors) )?"
                          r"(?:use|set|place|store) cookies\b|\bby (?:using|browsing|visiting|navigating) "
                          r"(?:this|our|the) (?:site|website|services?|pages?)\b[^.]{0,20}\byou (?:agree|consent|accept)\b|\b(?:this|our) (?:web ?)?(?:site|page) "
                          r"uses cookies\b|" + _COOKIE_KINDS, re.IGNORECASE),
    ),
    _Category(
        "subscribe prompt", "newsletters, inboxes or alerts",
        re.compile(
            r"\bnewsletters?\b|\binbox\b|"
            r"\be-?mail (?:address|updates|alerts|me)\b|\byour e-?mail\b|\b(?:news|breaking news|push|app) alerts?\b|"
            r"\bsubscri(?:be|bing|ption|bed)\b|\bunsubscribe\b|\bsign(?:ed|ing)?[ -]?up\b|"
            # what the reader receives ("Sign up to receive daily headline news from ...")
            r"\bto receive (?:[\w-]+ ){0,3}(?:news|headlines|updates|alerts|stories|offers)\b|"
            # what a sign-up form says once used ("A welcome email is on its way ... check your junk folder")
            r"\b(?:welcome|confirmation|verification) e-?mail\b|\b(?:spam|junk|promotions) (?:folder|tab)\b|"
            r"\bsign me up\b|\bstraight to (?:you|your)\b|\b(?:get|receive|have) (?:it|them|this|these|our \w+) (?:by|via) e-?mail\b|"
            r"^the (?:[\w'’-]+ ){1,3}(?:email|newsletter|briefing|digest|bulletin)\s*:|\be-?mails? you\b|\b(?:we'll|we will) (?:send|e-?mail|deliver)\b|"
            r"\b(?:sent|delivered|direct(?:ly)?) to (?:you|your)\b(?! (?:door|home|house))|"
            r"\bjoin (?:over |more than |some )?[\d,.]+(?:k| million| thousand)? (?:other |fellow )?[\w-]+\b|\brecaptcha\b",
            re.IGNORECASE),
        re.compile(r"\bbriefings?\b|\bdigest\b|\bround-?ups?\b|\bbulletins?\b|\btop (?:stories|headlines)\b|\balerts? e-?mails?\b|"
                   r"\bheadline news\b|"
                   r"\b(?:daily|weekly|weekday|morning|evening|weekend|sunday) (?:headlines|edition|email|update|report|read|"
                   r"briefing|digest|roundup|must-read)s?\b|\b(?:once|twice) a (?:day|week|month)\b|"
                   r"\bstay (?:updated|up to date|in the know|ahead)\b|\bbefore (?:everyone|anyone) else\b|"
                   r"\b(?:by|via) e-?mail\b|\bspecial offers\b|\boccasional (?:updates|emails)\b|"
                   r"\bnever miss\b|\bdon'?t miss\b|\bbe the first to know\b|\bstay informed\b|"
                   r"\b(?:every|each) (?:morning|weekday|day|week)\b|\bin the loop\b|"
                   r"\bstart your (?:day|morning|week)\b|\bfree\b|"
                   r"\b(?:every|each) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\b|"
                   r"\bon (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends)\b|"
                   r"\bupdates\b|\b(?:biggest|best|top|latest|essential) (?:stories|news|"
                   r"headlines|reads)\b|\bhand-?picked\b|\bcurated\b|\bdelivered (?:daily|weekly|fortnightly|monthly|nightly|every|each|twice|once)\b|"
                   # what a briefing promises, and when in the reader's day it comes
                   r"\b(?:things|stories|news|what) you (?:need|have|ought|want) to know\b|"
                   r"\bbefore your (?:first |morning )?(?:coffee|breakfast|commute)\b|\b(?:lands?|arrives?) (?:at|by|every|each|on|in)\b",
                   re.IGNORECASE),
        _words("sign me up subscribe subscribed now free today your you e-mail email address type enter "
               "here join get it i'm in yes i want submit confirm newsletter newsletters alerts"),
        _words("sign subscribe subscribed email e-mail newsletter newsletters alerts"),
        _words("sign subscribe join get enter type receive stay never confirm check register unsubscribe email start "
               "know catch"),
        # the fine print under a sign-up form
        notice=re.compile(r"\brecaptcha\b|\bterms of service apply\b|"
                          # and what it promises about leaving ("You can unsubscribe at any time.")
                          r"\b(?:you can|you may|free to) unsubscribe\b|\bunsubscribe (?:at any time|anytime)\b", re.IGNORECASE),
        schedule=re.compile(r"\b(?:every|each) (?:morning|evening|day|weekday|week|weekend|month|monday|tuesday|"
                            r"wednesday|thursday|friday|saturday|sunday)\b|\bon (?:mondays|tuesdays|wednesdays|thursdays|"
                            r"fridays|saturdays|sundays|weekdays|weekends)\b|\b(?:daily|weekly|weekday|fortnightly|"
                            r"monthly|nightly)\b|\b(?:once|twice) a (?:day|week|month)\b|"
                            r"\bat \d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\bat \d{1,2}(?::\d\d)?\s?[ap]\.m\.|"
                            # (session 11, j11) a day of a kind ("every trading day", "each business day")
                            r"\b(?:every|each) (?:trading|business|working|market|school|week|match|race|game) ?(?:day|night)s?\b",
                            re.IGNORECASE),
        product=re.compile(r"\b(?:newsletters?|briefings?|digest|round-?ups?|bulletins?|e-?mails?|guide|edition|dispatch|"
                           r"recap|catch-up|wrap|dose|long reads?)\b", re.IGNORECASE),
        # a checkbox of a sign-up form speaks as the reader: "I'd like to receive ..."
    ),
    _Category(
        "corrections widget", "errors, typos or corrections",
        re.compile(
            r"\btypos?\b|\binaccura(?:cy|cies|te)\b|\bcorrections?\b|"
            r"\bsomething (?:wrong|missing|incorrect|(?:not|isn't|is not) (?:quite )?right|off|amiss)\b|\breport (?:an|a) (?:error|mistake|problem|issue)\b|"
            r"\bgot (?:it|this|something|anything) wrong\b|\bcorrections? policy\b|\bcorrect the record\b|"
            r"\b(?:problem|issue|error|mistake)s? (?:with|in) (?:this|the) (?:story|article|page|piece|post|report(?:ing)?)\b|"
            r"\b(?:something|anything)(?: [\w']+){0,5} (?:is|was|looks|seems|are) (?:wrong|incorrect|inaccurate|missing|off)\b|"
            r"\bsomething (?:we|that we) (?:should|need to|must|ought to|could) (?:correct|fix|change|update)\b|"
            r"\b(?:something|anything)(?: that| \w+){0,2} (?:doesn't|does not|isn't|is not|don't|didn't) (?:look |seem |sound |read )?"
            r"(?:right|correct|accurate)\b",
            re.IGNORECASE),
        re.compile(r"\berrors?\b|\bmistakes?\b|\bget it right\b|\baccuracy\b|\bfactual\b|\bincorrect\b|"
                   r"\bfeedback\b|\bfairness\b|\bmissed (?:something|anything)\b", re.IGNORECASE),
        _words("report flag suggest submit send request an a error typo mistake correction corrections issue "
               "this problem inaccuracy fix policy our edit how clarification clarifications fact check story article"),
        _words("error typo mistake correction corrections inaccuracy edit fact"),
        _words("report flag suggest submit send tell let highlight email contact notify read request"),
        re.compile(r"\b(?:report|flag|suggest|submit|send|notify|highlight|contact|e-?mail|request|tell (?:us|our)|help us|"
                   r"let (?:us|our \w+|the \w+) know|write to us|read our|tell the \w+(?: desk| team| editors?)?)\b|"
                   r"\b(?:did|do|have) we\b[^?]{0,40}\?|"
                   r"\b(?:spot|spotted|see|seen|notice|noticed|found|find|got|have)\b[^?]{0,40}\?|"
                   r"\b(?:is|was) (?:there (?:an?|any)|anything)\b[^?]{0,40}\?|\bthink we\b[^?]{0,40}\?", re.IGNORECASE),
        short_needs=1,
    ),
    # The categories below were added for issue 14 (tests/data/clean_heldout_*.json): the same two
    # traits, topic and address, for the other widgets a page wraps around an article. Opinion
    # prose says "we" and "our" and asks questions, so these take the reader's address only from
    # "you"/"your", an imperative opening a sentence, or the page naming itself, outside quotes.
    _Category(
        "comment widget", "comments or the discussion under the article",
        re.compile(r"\bcomments? (?:section |thread |form )?(?:(?:on|for|under|to) (?:this|the) \w+ |below |above |here )?(?:are|is|have|has)"
                   r"(?: not| now| been| yet| always| temporarily| currently){0,3} (?:closed|open|disabled|moderated|pre-moderated|"
                   r"turned off|switched off|paused|suspended|unavailable|reviewed)\b|"
                   r"\bthe next time I comment\b|\bcommunity (?:guidelines|standards|rules)\b|"
                   # the widget's gate ("you must be logged in to join the discussion")
                   r"\b(?:must|need to|have to) be (?:logged|signed) in\b|"
                   r"\bhouse rules\b|\bcomments? (?:section|below|policy)\b|\bin the comments\b|"
                   r"\b(?:view|show|load|read|see|hide|post|leave|add|write)(?: all| the| a| your| \d+)? comments?\b|"
                   r"\bjoin the (?:conversation|discussion|debate)\b|\bcommenters?\b|\bcommenting\b|"
                   r"\b(?:respectful|civil|constructive) (?:debate|discussion|conversation|comments?)\b|"
                   r"\bstart the (?:discussion|conversation|debate)\b|\bno comments (?:yet|so far|here)\b|"
                   r"\bbe the first to (?:comment|reply|respond|share your (?:view|views|thoughts|opinion))\b",
                   re.IGNORECASE),
        re.compile(r"(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )(?<!'s )(?<!’s )\bcomments\b(?! (?:from|by|made|to|of|that|which|about)\b)|\bcivil\b|\bon[- ]topic\b|"
                   r"\brespectful\b|\bmoderat(?:ed|ion|ors?)\b|\brepl(?:y|ies)\b|\bcomment\b", re.IGNORECASE),
        _words("view show hide load more all comments comment post leave add write join the conversation "
               "discussion replies reply read see a your sort by newest oldest top policy guidelines rules"),
        _words("comments comment conversation discussion replies reply"),
        _words("join comment post leave add write keep share read view show be please"),
        strict_address=True,
        notice=re.compile(r"\b(?:comments?|posts)(?: (?:that|which)[^.]{0,40})? (?:will|may|might|could|can) be (?:removed|deleted|moderated|reviewed|"
                          r"hidden|edited)\b|^(?:the |all |reader |user )?comments? (?:below |above |here |on this \w+ )?"
                          r"(?:are|is|have|has)(?: not| been| always| now){0,3} (?:moderated|pre-moderated|reviewed|checked)\b|"
                          r"\bby (?:posting|submitting) (?:a |your )?comments?\b|"
                          r"^(?:the )?comments? (?:are|is|will be|remain)(?: now)? (?:open|closed) (?:for|until|after)\b|"
                          # the widget's state, the whole line ("Comments are now closed.", "The comments section is
                          # temporarily unavailable."): a council's consultation closing says more than that
                          r"^(?:the )?(?:comments?|commenting)(?: section| thread| function)? (?:are|is|has been|have been)(?: now| currently|"
                          r" temporarily)? (?:closed|disabled|unavailable|turned off|switched off|paused|offline|suspended)"
                          r"(?: (?:for|on) this (?:article|story|post|page|piece))?(?:[.!]?$|,? (?:while|as|because|until) "
                          r"(?:we|our)\b[^.!?]{0,80}[.!]?$)|"
                          # who answers for the comments ("Comments are the responsibility of their authors.", "The views
                          # expressed below are those of our readers and not of the site.")
                          r"\bcomments? (?:are|is) (?:the )?(?:sole )?responsibility of (?:their|its|the) (?:authors?|writers?|posters?)\b|"
                          r"\b(?:views|opinions) expressed (?:in|by|below|above)\b[^.]{0,40}\bare (?:those|the views) of (?:our |the |its )?"
                          r"(?:users|readers|commenters|contributors|members)\b|\bwe welcome (?:readers?'?|your) comments\b|"
                          # who may comment ("Comments are only available to premium subscribers.")
                          r"^(?:the )?(?:comments?|commenting)(?: section)? (?:is|are) (?:only )?(?:available|open|reserved|"
                          r"enabled) (?:only )?(?:to|for) (?:our )?(?:[\w-]+ ){0,2}(?:subscribers|members|users|readers)\b|"
                          r"\bcomments? (?:must|should|have to|need to|cannot|can't|may not|must not|will not)\b[^.]{0,60}"
                          r"\b(?:abusive|offensive|personal|in english|civil|respectful|on[- ]topic|relevant|full sentences|"
                          r"moderated|language)\b|\bno comments (?:yet|so far|here)\b|\b(?:comments?|posts) (?:are|is) not (?:allowed|tolerated|permitted)\b|\bwe welcome (?:respectful|"
                          r"civil|lively|constructive|thoughtful)\b", re.IGNORECASE),
    ),
    _Category(
        "paywall prompt", "subscriptions, membership or access to articles",
        re.compile(r"\bsubscri(?:be|bers?|ptions?|bing)\b|\bfree (?:articles?|stories)\b|\bfree trial\b|"
                   r"\b(?:unlimited|digital|full|premium) access\b|\bunlimited (?:reading|articles|stories)\b|\bmembership\b|\bpaywall\b|"
                   r"\bcancel any ?time\b|\bunlock\w*\b|"
                   # joining the site's membership by its name ("Become a CBN Member.", "Become an Insider today")
                   r"\bbecome an? (?:[\w&'’.-]+ ){0,2}(?:member|subscriber|supporter|insider|patron)\b|\bcontinue reading\b|\bsubscriber[- ]only\b|"
                   r"\b(?:paying|subscribing|premium) (?:readers|members|subscribers|customers)\b|"
                   r"\b(?:create|register for|set up) an? (?:free )?account\b|\bfree account\b|\bread the rest\b|"
                   r"\bfree to read with\b|\bfree for (?:registered|signed-in|logged-in|subscribed) (?:readers|users|members|subscribers)\b|\b(?:exclusive|available|reserved) (?:to|for) (?:[\w-]+ ){0,2}(?:members|subscribers)\b|\bto (?:keep|start) reading\b|"
                   r"\b(?:to|and) (?:read|access|unlock) the (?:full|whole|entire) (?:story|article|piece)\b|"
                   r"\b(?:read|get|try|access|download|browse|open) (?:the |our |today['’]s |this week['’]s )?(?:digital|replica|e-?paper) "
                   r"edition\b|\be-?paper\b|\bupgrade (?:now|today|your "
                   r"(?:plan|account|subscription|membership))\b",
                   re.IGNORECASE),
        re.compile(r"\baccess\b|\blimit\b|\bexclusive\b|\breserved\b|\btrial\b|\b(?:log|sign) ?in\b|\bmembers?\b|"
                   r"\bpremium\b|[$£€]\s?\d|\b\d+p\b|\bper (?:week|month)\b|\ba (?:week|month)\b|"
                   r"\b(?:\d+|one|two|three|six|twelve) (?:months?|weeks?) for (?:just |only )?(?:[$£€]|free)|"
                   r"\bfor (?:just|only) [$£€]|"
                   r"\bfirst (?:month|year)\b", re.IGNORECASE),
        _words("subscribe subscriber subscribers exclusive only now log in sign already a member members "
               "premium unlock this article story start free trial get access"),
        _words("subscribe subscriber subscribers exclusive member members premium unlock trial"),
        _words("subscribe unlock start get log sign continue become join try read keep create register save renew upgrade"),
        strict_address=True,
        notice=re.compile(r"\b(?:premium|paying|digital|all-access) (?:subscribers|members) (?:get|enjoy|receive)\b|"
                          r"\bfree (?:to read )?for (?:registered|signed-in|logged-in) (?:readers|users|members)\b|"
                          r"^this (?:article |story |piece |content )?is (?:a )?(?:premium|subscriber[- ]only|subscriber|members?[- ]only)"
                          r" (?:content|article|story|piece|feature)\b|"
                          r"^(?:subscribers|members) (?:get|enjoy|receive) (?:early |exclusive |unlimited |full )?access\b|"
                          r"\bad-free (?:reading|experience|access)\b", re.IGNORECASE),
    ),
    _Category(
        "donation ask", "donations or support for the newsroom",
        re.compile(r"\bdonat(?:e|es|ion|ions|ing)\b|\bcontribut(?:e|ion|ions|ing)\b|\bchip in\b|"
                   r"\b(?:support|fund|back|power|sustain)(?:s|ing|ed)? (?:us|our (?:work|journalism|reporting|newsroom|"
                   r"mission)|independent \w+|(?:public|local|independent|quality|nonprofit|free) (?:media|journalism|news|"
                   r"radio|broadcasting|reporting))\b|\b(?:give|donate|contribute) to (?:the |our )?(?:[\w-]+ ){0,3}"
                   r"(?:fund|appeal|campaign)\b|"
                   r"\b(?:readers|people|members|supporters|listeners|viewers) like you\b|"
                   r"\bnon-?profit (?:newsroom|news organi[sz]ation|publication|news site)\b|"
                   r"\bbuy (?:us|me) a (?:coffee|beer|drink|cuppa)\b|\btax-deductible\b|\bmake a (?:[\w-]+ )?(?:gift|donation)\b|"
                   r"\bgive (?:monthly|today|once)\b|\bone-?off\b|\bmonthly gift\b|"
                   # what the site lives on ("We rely on reader support"), and an ask of any size ("give what you can")
                   r"\b(?:rely|relies|depend|depends|count|counts|run|runs) (?:entirely |solely )?on (?:the )?(?:support|generosity|"
                   r"donations) of (?:our )?(?:readers|listeners|viewers)\b|\b(?:readers?|listeners?|viewers?|audience|members?)['’]? "
                   r"(?:support|donations|funding|generosity)\b|\b(?:give|donate|contribute|chip in) (?:what|whatever) you can\b",
                   re.IGNORECASE),
        re.compile(r"\bsupport\b|\bjournalism\b|\bnewsroom\b|\bindependent\b|\bmembers?\b|[$£€]\s?\d|"
                   r"\ba (?:week|month)\b|\bany (?:size|amount)\b|\bfree\b|\bvalue (?:our|this|what)\b|\breporting\b|"
                   r"\bas little as\b",
                   re.IGNORECASE),
        _words("donate make a one-off one off monthly donation support us give now today contribute"),
        _words("donate donation contribute give"),
        _words("donate support give contribute chip become make help consider please keep"),
        strict_address=True,
        # the payment form under the ask
        notice=re.compile(r"\b(?:every|any|each) (?:contribution|donation|gift)(?:,[^,.]{1,30},)? (?:makes a difference|"
                          # or what it does for the site ("Every gift, big or small, keeps our reporters ...")
                          r"(?:keeps|powers|funds|supports|sustains|helps|pays for)(?: [\w-]+){0,2} (?:us|our)\b|"
                          r"matters|counts|helps|goes)\b|"
                          # what the site's reporting costs ("Local reporting like this costs money.")
                          r"^(?:[\w-]+ )?(?:journalism|reporting|stories|work|coverage) like (?:this|ours) (?:costs|takes|needs|"
                          r"relies|depends|is(?:n't| not) free|is expensive)\b|"
                          r"\b(?:accepted )?payment methods?\s*:|\b(?:visa|mastercard),? (?:visa|mastercard|american express|"
                          r"amex|paypal)\b", re.IGNORECASE),
    ),
    _Category(
        "app prompt", "the site's app or notifications",
        re.compile(r"\b(?:our|the|this)(?: [\w'’.&-]+){0,3} app\b|\bapp store\b|\bgoogle play\b|\bpush notifications?\b|"
                   r"\b(?:desktop|browser|breaking news|instant|push) (?:notifications?|alerts?)\b|"
                   r"\b(?:allow|enable|turn on|switch on|activate) (?:[\w-]+ ){0,2}(?:notifications|alerts)\b|"
                   r"\bin (?:the |our )?app\b|\bfor ios\b|\bios and android\b|\bandroid and ios\b|"
                   r"\bsend you (?:[\w-]+ ){0,2}(?:notifications|alerts)\b|\b(?:get|be) notified\b", re.IGNORECASE),
        re.compile(r"\bapps?\b|\bios\b|\bandroid\b|\bnotifications?\b|\bdownload\b|\binstall\b|\boffline\b|"
                   r"\balerts?\b|\bturn (?:them|it) on\b", re.IGNORECASE),
        _words("open in app get the download our install available on read it"),
        _words("app"),
        # (session 11, j11) and what the reader does with the app ("Track markets on the go with the X app")
        _words("download get open install read turn try available switch enable activate be allow track stream manage"),
        strict_address=True,
        # the app's availability in both stores ("The X App is available on Play Store and App Store")
        notice=re.compile(r"\bapp (?:is )?(?:now )?(?:available|free)(?: to download)? (?:on|in|from) (?:the )?(?:google play|"
                          r"play store|app store|apple app store)(?: store)?,? (?:and|&|or) (?:the )?(?:google play|play store|"
                          r"app store|apple app store)\b", re.IGNORECASE),
    ),
    _Category(
        "audio or podcast prompt", "the site's podcasts or the article's audio",
        re.compile(r"\bpodcasts?\b|\bapple podcasts\b|\bspotify\b|\bpocket casts\b|\baudible\b|"
                   r"\bwherever you (?:get|find|listen to|download) (?:your )?(?:podcasts|audio|shows)\b|"
                   r"\b(?:new|all|latest|past|previous|bonus|full) episodes?\b|\bread aloud\b|\baudio (?:version|edition)\b|"
                   r"\b(?:listen|listening) to (?:this|the) (?:article|story|piece|episode|show|podcast|briefing)\b|"
                   r"\bhear (?:this|the) (?:article|story|piece)\b", re.IGNORECASE),
        # not "listen", "hear" or "play" alone (prose says "you hear about", "who are listening to you"),
        # nor a duration ("Read in 3 minutes" is a reading time)
        re.compile(r"\baudio\b|\bepisodes?\b", re.IGNORECASE),
        _words("listen to this article story play pause audio podcast episode episodes now the our latest all"),
        _words("listen audio podcast episode"),
        _words("listen subscribe catch hear play press hit tune download follow stream find prefer"),
        strict_address=True,
    ),
    _Category(
        "AI disclosure", "a machine making the page's summary, audio or translation",
        # the page saying that a machine made its summary, its audio or its translation
        re.compile(r"^(?=[^.!?]{0,120}\b(?:ai|artificial intelligence|automated|automatically|machine|text-to-speech|"
                          r"synthetic|computer-generated|digital voice)\b)(?:this )?(?:ai[- ])?(?:summary|audio(?: version)?|narration|translation|voice-?over|"
                          r"key (?:points|takeaways))(?: (?:of|for) this (?:article|story|piece))?(?: (?:is|was|has been|were))?"
                          r"(?: (?:automatically|partly|partially))? (?:generated|produced|created|narrated|voiced|read|written|"
                          r"translated)\b|\bthis (?:article|story|piece|summary|audio) (?:is|was|has been) (?:[\w-]+ ){0,2}"
                          r"(?:generated|produced|narrated|voiced|translated|summari[sz]ed) (?:by|with|using) (?:the help of )?"
                          r"(?:an? )?(?:ai|artificial intelligence|automated|machine|text-to-speech|synthetic)\b|"
                          # a short label ("Key points: AI-generated summary", "AI summary")
                          r"^[^.!?]{0,30}\bai[- ](?:generated|written|powered|assisted|created|produced)? ?(?:summary|summaries|"
                          r"audio|narration|key points|takeaways|overview)[^.!?]{0,20}$", re.IGNORECASE),
        re.compile(r"\bai\b|\bartificial intelligence\b", re.IGNORECASE), frozenset(), frozenset(), frozenset(),
        needs_address=False, short_needs=2, long_needs=2,
    ),
    _Category(
        "share or follow prompt", "sharing the article or following the site",
        re.compile(r"\b(?:follow|like|join|find|connect with|subscribe to|tag|mention)\b(?: us| \w+(?: \w+){0,3})? on "
                   r"(?:facebook|twitter|x|instagram|tiktok|youtube|linkedin|whatsapp|telegram|threads|bluesky|"
                   r"mastodon|pinterest|google news)\b|\bfollow us\b|\blike (?:us|our|the) page\b|"
                   r"\bour (?:[\w/-]+ ){0,2}(?:page|fan ?page|feed|channel|account|profile|handle)\b|"
                   r"\byour feed\b|\bcopy (?:the )?link\b|\bshare (?:this|via|the (?:article|story))\b|\bshare on\b|"
                   r"\bas (?:a |your )?(?:preferred|trusted|favou?rite) source\b|\bfollow @\w+|"
                   r"\b(?:email|e-mail|send|share|forward|save) (?:this|the) (?:story|article|page|link)\b|\bspread the word\b|"
                   r"\bjoin (?:us|our)(?: [\w-]+){0,3} (?:channel|community|group|list|server|forums?|boards?|club)\b|"
                   r"\b(?:whatsapp|telegram|signal|discord) (?:group|channel|community|server)\b|"
                   r"\b(?:share|post|send|pin|add|save)(?: it| this(?: \w+)?)? (?:to|on|via) (?:facebook|twitter|x|instagram|"
                   r"linkedin|whatsapp|telegram|threads|bluesky|reddit|pinterest|flipboard|messenger)\b|\bgift (?:this|the) (?:article|story)\b|"
                   # passing the piece on ("Share it with your friends!", "Send this to someone who ...")
                   r"\b(?:share|send|forward|pass|e-?mail)(?: it| this(?: \w+)?| the (?:article|story|link))? (?:with|to|on to) (?:a friend|"
                   r"(?:your )?friends(?: and family)?|someone|others|a colleague)\b|\bpass (?:it|this(?: \w+)?) on\b",
                   re.IGNORECASE),
        re.compile(r"\bforums?\b|\bshare\b|\bfollow\b|\bfeed\b|\bpage\b|\blink\b|\bfacebook\b|\btwitter\b|\binstagram\b|"
                   r"\btiktok\b|\byoutube\b|\blinkedin\b|\bwhatsapp\b|\btelegram\b|\bmessenger\b", re.IGNORECASE),
        _words("share copy link via email e-mail on x this article story tweet pin it save print send to "
               "facebook twitter whatsapp linkedin pinterest reddit telegram"),
        _words("share copy link tweet pin print"),
        _words("share follow like tweet pin copy click join add gift post email e-mail send forward spread save pass tag mention"),
        strict_address=True,
    ),
    _Category(
        "affiliate disclosure", "commissions on what readers buy through the page's links",
        re.compile(r"\baffiliate (?:links?|partners?|commissions?|programs?|programmes?|marketing|relationships?)\b|"
                   r"\b(?:earn|receive|get|make|be paid) (?:a )?(?:small )?(?:commission|affiliate commission|share of (?:the )?"
                   r"(?:sales?|revenue)|(?:referral |finder's |finder’s )?fee|payment)\b|"
                   # the label of a paid placement ("Commercial partnership: we may receive a fee.")
                   r"\b(?:commercial|paid|affiliate) partnerships?\s*:|"
                   r"\bbuy (?:something )?(?:through|via|from) (?:our |the |these |those )?links\b|"
                   r"\bindependently (?:select|selected|chosen|choose|review|reviewed|researched)\b", re.IGNORECASE),
        re.compile(r"\bretailers?\b|\bthrough (?:our|these|the) links\b", re.IGNORECASE),
        frozenset(), frozenset(), _words("learn read see"),
        notice=re.compile(r"\bprices? (?:are |were )?(?:correct|accurate) (?:at|as of) (?:the )?time of (?:publication|"
                          r"publishing|writing)\b|\b(?:this|the) (?:article|post|page|story|guide) (?:contains|includes|may "
                          r"contain) affiliate links\b", re.IGNORECASE),
    ),
    _Category(
        "call to action", "what the page offers the reader: its videos, links, buttons, quizzes",
        re.compile(r"\b(?:video|audio|player|gallery|slideshow|chart|map|interview|graphic) (?:above|below)\b|"
                   r"\bqr code\b|\b(?:bell|share|play|plus|arrow) (?:icon|button)\b|\b(?:icon|button)\b|\b(?:tap|click|press|hit) the (?:bell|star|heart|plus)\b|"
                   r"(?:^\w+|[.!?] (?:tap|click|press|swipe)) to (?:expand|enlarge|unmute|mute|play|pause|resume|zoom|close|continue|view|see|watch|listen|"
                   r"read more|load more|show more)\b|\ba friend\b|\bour (?:quiz|poll|survey|live blog|podcast)\b|"
                   r"\bour (?:[\w-]+ ){1,2}(?:quiz|poll|survey|questionnaire)\b|\b(?:reader|readers'|audience|user) "
                   r"(?:survey|poll|panel|questionnaire)\b|"
                   r"\bfull (?:interview|video|story|coverage|episode)\b|\b(?:this|the) (?:link|quiz|poll)\b|"
                   r"^\w+(?: \w+)? this (?:article|story|topic|page|post|piece|image|photo|video|gallery)$",
                   re.IGNORECASE),
        re.compile(r"\bstory\b|\barticle\b|\bvideo\b|\bpage\b|\blink\b|\bhere\b|\babove\b|\bbelow\b|"
                   r"\bquiz\b|\bpoll\b|\beditors\b|\bnote\b|\bgallery\b|\bphotos\b|\baudio\b|\bpodcast\b|\bepisode\b",
                   re.IGNORECASE),
        frozenset(), frozenset(),
        _words("click tap swipe scroll scan press hover watch listen play read view see take try explore send tell "
               "visit check find rate"),
        strict_address=True, self_address=False,
    ),
    _Category(
        "copyright notice", "copyright or the site's legal notice",
        re.compile(r"©|(?<!\w)\(c\)|\bcopyright\b|\ball rights reserved\b|\bmay not be (?:published|reproduced|"
                   r"broadcast|rewritten|redistributed|copied)\b|\bwithout (?:prior |express )?(?:written )?"
                   r"permission\b|\bregistered in (?:england|scotland|ireland|wales)\b|\bcompany (?:no|number|registration)\b|"
                   # the publisher's regulator ("... is a member of the Independent Press Standards Organisation")
                   r"\bis (?:a )?member of (?:the )?(?:[\w'’-]+ ){0,4}(?:press|standards|regulat\w+|ombudsman|complaints)\b",
                   re.IGNORECASE),
        re.compile(r"\breproduction\b|\bprohibited\b|\bpart of the\b|\bnetwork\b|\b(?:19|20)\d\d\b|\bltd\b|\blimited\b|\binc\b|"
                   r"\bmedia\b|\bgroup\b|\bpublished\b|\bredistributed\b", re.IGNORECASE),
        frozenset(), frozenset(), frozenset(), needs_address=False, short_needs=3, long_needs=4,
        # where the article ran before, and under what licence
        notice=re.compile(r"\bcreative commons\b|"
                          # how to cite the page ("Cite this article: Name, I. (2026). Title.")
                          r"^(?:cite this (?:article|story|page|piece|post)|how to cite(?: this (?:article|story|page|piece))?|"
                          r"citation)\s*:|\bbản quyền\b|\b(?:todos los )?derechos reservados\b|\btous droits réservés\b|"
                          r"\balle rechte vorbehalten\b|\b(?:todos os )?direitos reservados\b|\bhak cipta\b|\btutti i diritti riservati\b|"
                          r"\balle rechten voorbehouden\b|\b(?:this|the) (?:article|story|piece|post) (?:first|originally) "
                          r"(?:appeared|ran|was published) (?:on|in|at)\b|\ba version of (?:this|the) (?:article|story|piece) "
                          r"(?:appears|appeared|ran)\b|\bappears in print\b|\b(?:this|the) (?:article|story|piece) "
                          r"(?:appears|appeared|ran) in (?:the |our )?(?:[\w-]+ ){0,3}(?:print|issue|edition|magazine)\b|\b(?:auto-?generated|published) from an? "
                          r"(?:[\w-]+ ){0,2}feed\b|\bhas not been edited by\b", re.IGNORECASE),
    ),
    _Category(
        "author bio", "the writer's biography",
        re.compile(r"\babout the (?:author|writer|reporter)\b|\bauthor (?:profile|bio)\b|"
                   # a blog's author greeting the reader ("Hi, I'm Ana! ... Welcome to my blog.")
                   r"^(?:hi|hello|hey|hiya)(?: there| all| everyone| friends)?\s*[,!.]?\s*(?:i'm|i’m|i am|my name is) (?-i:[A-Z])|"
                   r"\bwelcome to my (?:little )?(?:corner|blog|site|website|kitchen|space|page|home|world)\b|"
                   r"\b(?:articles|stories|more) by this (?:author|writer|reporter)\b|"
                   # the verb opens its clause, or follows "can"/"to" ("Follow him on X", "You can reach her at")
                   r"(?:(?<!\w )|(?<=\bcan )|(?<=\bto )|(?<=\band ))(?:email|e-mail|reach|contact|follow) (?:him|her|them) (?:at|on) "
                   r"(?:@|\S+@|x\b|twitter|"
                   r"instagram|threads|bluesky|linkedin|mastodon|facebook|\S+\.(?:com|org|net|co\.uk|example)\b)|"
                   r"^(?:the )?(?:author|writer)\s+is\s+(?:an?|the)\b|\bis (?:an?|our|the(?: [\w-]+){1,4}(?:'s|’s|'|’)) (?:[\w-]+ ){0,3}(?:correspondent|reporter|writer|editor|journalist|columnist|"
                   r"contributor|producer|photographer|reporting fellow)\b"
                   # not a person the news introduces by trade ("X is a freelance writer who lost three commissions ...")
                   r"(?! who (?!(?:holds|has (?:written|reported|covered|worked)|writes|covers|reports on|specialises|specializes)\b))"
                   # nor one the sentence goes on to report news of ("X is a former editor of the Times, and she was
                   # fired on Monday", "... was arrested last week"; any past event)
                   r"(?![^.!?\"“”]{0,120}(?:,? (?:and|but) (?:he|she|they) (?:was|were|is|are|has|had|have|said|says|told)\b|"
                   r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|last (?:week|month|year|night)|"
                   r"earlier this (?:week|month|year))\b))|"
                   r"^(?:see|view|read|browse|more)(?: all)? (?:articles|stories|posts|columns) "
                   r"(?:by|from) (?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})$|"
                   # a bio opens on its writer's name and beat ("Marcus Webb writes about science.")
                   r"^(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}) (?:has|had) (?:reported|covered|written)\b[^.!?]{0,60}"
                   r"\bfor (?:the )?(?-i:[A-Z])|"
                   r"^(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}) covers (?:the )?(?:" + _BEATS + r")\b[^.!?]{0,60}" + _BIO_MORE + "|"
                   r"^(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}) (?:writes (?:about|on|for)|"
                   r"covers(?: [\w-]+){1,4} (?:for|at))\b[^.!?]{0,80}" + _BIO_MORE + "|" + _BIO_SHAPES,
                   re.IGNORECASE),
        re.compile(r"\b(?:covers|covering|writes about|writing about|reports on|reporting on)\b|"
                   r"\bbased in\b|\bpreviously (?:worked|wrote|reported)\b|\bhas (?:written|worked) for\b|"
                   r"\bhis work has\b|\bher work has\b|\bwork has appeared\b|@\w|"
                   # a bio's second thought: the writer's degree
                   r"\b(?:holds?|has|earned) an? (?:phd|doctorate|degree|master['’]?s)\b", re.IGNORECASE),
        _words("view more articles stories by this author writer reporter profile bio follow the"),
        _words("author writer reporter"),
        frozenset(), needs_address=False, short_needs=2, long_needs=3,
    ),
)

#: the newer categories' own gates: one word of each of their strong and weak terms, and characters
#: (a line opens only the gates of the categories it could be, so long prose pays for few regexes)
_NEW_GATES: dict[str, tuple[frozenset[str], str]] = {
    "comment widget": (_words(
        "comments comment commenting commenters commenter community house moderated moderation moderator "
        "moderators conversation discussion debate civil topic respectful thread threads reply replies constructive "
        "abusive offensive defamatory welcome posts logged signed"), ""),
    "paywall prompt": (_words(
        "subscribe subscribed subscribing subscription subscriber subscribers subscriptions free unlimited digital "
        "full premium access member members membership paywall cancel log login signin sign unlock unlocked unlocks "
        "unlocking per week month limit exclusive reserved trial continue account first p paying create register "
        "become "
        "rest ad upgrade available whole entire reading print replica epaper e-paper paper edition"), "$£€"),
    "donation ask": (_words(
        "donate donates donation donations donating contribute contribution contributions contributing chip "
        "journalism newsroom give off oneoff monthly support independent size amount value reporting member "
        "members week month free supporting readers supporters listeners viewers nonprofit non profit payment "
        "rely relies depend depends count counts run runs generosity reader listener viewer audience what whatever "
        "methods method visa mastercard gift fund funds funding funded backs backing backed powers powering powered "
        "sustain sustains sustaining sustained supports supported coffee fund appeal campaign tax deductible little"), "$£€"),
    "app prompt": (_words(
        "app apps ios android store google play push notifications notification iphone ipad download install "
        "offline alerts alert turn desktop browser breaking instant push notified"), ""),
    "audio or podcast prompt": (_words(
        "podcast podcasts apple spotify pocket casts audible wherever episode episodes aloud audio listen listening hear "
        ""), ""),
    # both of its shapes name the machine
    "AI disclosure": (_words("ai artificial automated automatically machine text synthetic computer digital"), ""),
    "share or follow prompt": (_words(
        "facebook twitter x instagram tiktok youtube linkedin whatsapp telegram threads bluesky mastodon pinterest "
        "google page feed channel copy link share follow messenger source gift email e-mail send forward spread join save "
        "signal discord pass friend friends someone colleague fanpage account profile handle forum forums boards "
        "board club"), ""),
    GENERIC_CATEGORY: (_words(
        "video audio player gallery slideshow chart map interview graphic qr bell plus arrow icon button friend "
        "quiz poll survey live podcast story episode coverage article here above below editors note photos expand "
        "enlarge unmute mute pause zoom close continue view see watch listen read load show link page topic image "
        "photo audio podcast episode questionnaire panel resume"), ""),
    "affiliate disclosure": (_words(
        "affiliate independently commission commissions retailer retailers links prices price share fee payment "
        "partnership partnerships"), ""),
    "copyright notice": (_words(
        "c copyright rights published reproduced broadcast rewritten redistributed copied permission registered "
        "company creative appeared appears ran version feed edited member bản quyền derechos droits rechte direitos hak "
        "cite citation "
        "cipta diritti rechten"), "©"),
    "author bio": (_words(
        "author writer reporter email e-mail mail reach contact follow correspondent journalist editor columnist "
        "contributor producer photographer fellow writes covers articles stories posts columns reported "
        "covered written reports critic author hi hello hey hiya welcome phd doctorate degree master"), ""),
}
_NEW_GATES.update({
    "consent banner": (_words(
        "cookie cookies tracking technologies technology technological tools tool pixels pixel personal data ip "
        "browsing unique device personalise personalize personalised personalized personalising personalizing "
        "personalisation personalization relevant tailored targeted ads ad advertising adverts advertisers "
        "advertiser advertisement advertisements advertise advertised measure partners vendors consent legitimate "
        "privacy sell third opt preferences settings experience continuing analytic analytics visitors embed embeds "
        "embedded geolocation characteristics authenticate authenticates authenticating authenticated measures apps "
        "similar"), ""),
    "subscribe prompt": (_words(
        "newsletter newsletters inbox email mail alert alerts subscribe subscribing subscription subscribed "
        "unsubscribe sign signed signing signup straight briefing briefings digest round roundup roundups "
        "bulletin bulletins top daily weekly weekday morning evening offers occasional never miss first informed "
        "every each loop start free email emails e-mail e-mails we'll send deliver sent delivered direct "
        "directly join recaptcha apply updates mondays tuesdays wednesdays thursdays fridays saturdays sundays weekend weekends "
        "biggest best latest essential "
        "handpicked picked curated lands land arrives arrive once twice stay everyone anyone fortnightly monthly "
        "nightly am pm know coffee breakfast commute receive headline folder tab"), ""),
    "corrections widget": (_words(
        "typo typos inaccuracy inaccuracies inaccurate correction corrections something report wrong error errors "
        "mistake mistakes right accuracy factual incorrect feedback anything fairness correct accurate missed problem "
        "problems issue issues"), ""),
})


def _inflected(keys: frozenset[str]) -> frozenset[str]:
    """A button's key words as ``_known`` recognises them ("accepting", "settings")."""
    return frozenset(key + suffix for key in keys for suffix in ("", "ing", "ed", "es", "s", "d"))


#: every category's gate: its terms' words and its button keys in every form ``_known`` accepts
CATEGORY_GATES: dict[str, tuple[frozenset[str], str]] = {
    cat.name: (_NEW_GATES[cat.name][0] | _inflected(cat.button_keys), _NEW_GATES[cat.name][1])
    for cat in _CATEGORIES}
#: characters that open a gate: a copyright sign, a price
GATE_CHARS = "©$£€"
_ADDRESS_RE = re.compile(r"\b(?:you|your|yours|yourself|you've|you're|you'll|you'd|we|we're|we'll|we'd|"
                         r"we've|our|ours|us|this (?:web ?)?(?:site|page)|this (?:article|story|post|piece|content))\b",
                         re.IGNORECASE)
#: reported speech: the article quoting someone, not the site speaking
_REPORTED_RE = re.compile(r"\b(?:said|says|say|told|tells|according to|argued|admitted|added|wrote|asked|"
                          # what a hearing was told ("..., the court heard.")
                          r"(?:court|jury|inquiry|tribunal|hearing|trial|committee|panel|magistrates|inquest) heard|"
                          r"urged|warned|claimed|reported|saying|tweeted|posted|urges|warns|advises|advised|insists|"
                          r"argues|explains)\b|"
                          # an imperative put down to someone ("...: the influencer's advice to young people")
                          r"['’]s? (?:advice|message|slogan|motto|mantra|plea|appeal|warning|instructions?|refrain)\b",
                          re.IGNORECASE)
_FIRST_SENTENCE_RE = re.compile(r".*?(?:[.!?](?=\s)|$)")
#: a notice is never a quotation or reported speech (a bio "has reported from 30 countries" is still a bio)
_SAID_RE = re.compile(r"\b(?:said|says|say|told|tells|according to|argued|admitted|added|wrote|asked|saying)\b",
                      re.IGNORECASE)
#: a finite verb in the clause an imperative opens means the opener was a noun or an adjective
#: ("Email newsletters have become ...", "Download numbers were ...")
_FINITE_RE = re.compile(r"[^,;:.!?]*?\b(?:is|are|was|were|has|have|had|will|would|could|can)\b", re.IGNORECASE)
#: a sign-up or consent form's checkbox speaks as the reader ("I'd like to receive ...", "I agree to ...")
_FORM_FIRST_PERSON_RE = re.compile(r"I(?:'d|’d| would) like to\b|I (?:agree|accept|consent|want) to\b|"
                                   r"I (?:have read|understand) (?:and|the)\b|Yes,? I\b|" + _CHECKBOX)
_QUOTE_OPEN = "\"“‘'«"
#: a link or button worded as the reader ("Do Not Sell My Personal Information", "Manage my
#: choices"): short, unpunctuated, first person singular
_MY_RE = re.compile(r"\bmy\b", re.IGNORECASE)
_ENDS_SENTENCE_RE = re.compile(r"[.!?\"”’]\s*$")
_PAREN_RE = re.compile(r"\([^()]{0,60}\)")
#: a sentence's first word, or the word after a fronted purpose clause ("To continue reading,
#: subscribe ..."): where an imperative stands
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;]\s+|\s[-–—]\s+)(?:to [^,.!?;:]{1,40},\s+)?([A-Za-z']+)",
                                re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: lines up to this many words are short: they need less topic weight (see ``categorize``)
SHORT_WORDS = 15
#: a line of up to this many words that speaks to the reader needs only one weak term ("Get the
#: Morning Briefing", "Your daily digest"): prose that short rarely addresses the reader
TINY_WORDS = 8
#: a notice is looked for in the whole of a line up to this many words, else in its first sentence
NOTICE_MAX_WORDS = 30
#: topic weight (a strong term 2, a weak one 1) at which a short line of the older categories needs no
#: address: it is made of its subject ("The Briefing lands at 6am. It's free.")
DENSE_TOPIC = 3
#: most words such a line has; and it tells no story: no finite auxiliary ("was", "had", "will")
DENSE_MAX_WORDS = 12
#: a schedule and a product count towards it only on a line this long: "The Daily Briefing" alone
#: may be a heading; "The Courier Weekend: long reads and puzzles, every Saturday." is a pitch
DENSE_SCHEDULED_MIN_WORDS = 6
#: most characters between a newsletter's schedule and its kind ("Your weekday guide", "The Recap, every Sunday")
SCHEDULE_GAP = 40
_FREE_RE = re.compile(r"\bfree\b", re.IGNORECASE)
_PRICE_RE = re.compile(r"[$£€]\s?\d")
#: someone else's product ("his daily briefings") is no newsletter of the site
_THIRD_POSSESSIVE_RE = re.compile(r"\b(?:his|her|their|its|[\w-]+['’]s?) $", re.IGNORECASE)
_AUXILIARY_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|can|did|does|do|been)\b", re.IGNORECASE)
#: a short question is put to the reader ("Spotted a mistake?", "Want more?")
QUESTION_MAX_WORDS = 12


def _address(norm: str, categories_imperatives: frozenset[str], n_words: int, common: str | None = None) -> str:
    """Why the line speaks to its reader (plain words), or "" when it does not.

    ``common`` is ``_common_address(norm, n_words)`` when the caller has it already (it does not
    depend on the category).
    """
    if common is None:
        common = _common_address(norm, n_words)
    if common != _BY_CATEGORY:
        return common
    return _imperative_address(norm, categories_imperatives, n_words)


#: what ``_common_address`` answers when the address depends on the category's imperatives
_BY_CATEGORY = "?"


def _is_reported(text: str, memo: dict | None) -> bool:
    """Whether ``_REPORTED_RE`` finds reported speech in ``text``, looked up once per line in ``memo``."""
    if memo is None:
        return _REPORTED_RE.search(text) is not None
    key = ("reported", text)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _REPORTED_RE.search(text) is not None
    return found


def _common_address(norm: str, n_words: int, memo: dict | None = None) -> str:
    """The part of ``_address`` that is the same for every category: its answer, or ``_BY_CATEGORY``."""
    if norm[:1] in _QUOTE_OPEN or _is_reported(norm, memo):
        return ""
    found = [m.group(0).lower() for m in _ADDRESS_RE.finditer(norm)]
    if found:
        return "speaks to the reader (" + ", ".join(f"'{w}'" for w in dict.fromkeys(found[:3])) + ")"
    if _FORM_FIRST_PERSON_RE.match(norm):
        return "a form's checkbox speaking as the reader ('" + norm.split()[0] + "')"
    if (n_words <= TINY_WORDS or len(_PAREN_RE.sub(" ", norm).split()) <= TINY_WORDS) and _MY_RE.search(norm) \
            and not _ENDS_SENTENCE_RE.search(norm):
        return "a link or button speaking as the reader ('my')"
    return _BY_CATEGORY


def _imperative_address(norm: str, categories_imperatives: frozenset[str], n_words: int) -> str:
    """The rest of ``_address``: an imperative of the category opening a sentence, or a short question."""
    for m in _SENTENCE_START_RE.finditer(norm):
        word = m.group(1).lower()
        if norm[m.end(1):m.end(1) + 1] == "-":
            continue  # "Sign-up to the scheme ...": a noun, not an imperative
        if word == "please" or word in categories_imperatives:
            if not _FINITE_RE.match(norm, m.end(1)):
                return f"tells the reader to act ('{m.group(1)}')"
    if "?" in norm and n_words <= QUESTION_MAX_WORDS:
        return "asks the reader a question"
    return ""


_QUOTED_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]*’|«[^»]*»?")
_READER_RE = re.compile(r"\b(?:you|your|yours|yourself|you've|you're|you'll|you'd)\b|"
                        # a salutation to the site's reader ("Dear visitor, the comments section is ...")
                        r"^dear (?:visitors?|readers?|users?|subscribers?|members?|customers?|listeners?|viewers?|guests?)\b|"
                        r"(?P<self>\bthis (?:article|story|page|post|piece|site|website|content)\b)|"
                        # the outlet speaking of itself: its newsroom, not "our country"
                        r"\bour (?:[\w-]+ )?(?:reporters|journalists|journalism|reporting|newsroom|editors|"
                        r"correspondents|coverage|website|site|app|newsletters?|podcasts?|readers|subscribers|work|mission)\b",
                        re.IGNORECASE)
#: verbs that open a call to action in every one of the newer categories ("Find us on ...", "Send ...")
CTA_VERBS = _words("click tap swipe scroll scan press hover watch listen play read view see take try explore discover enjoy "
                   "find send tell visit check learn get start keep join follow share subscribe sign download "
                   "support give donate")
#: an editor's note names the page too ("This story has been updated with comments from ...")
_EDITOR_NOTE_RE = re.compile(r"\b(?:updated|corrected|amended|changed|clarified)\b", re.IGNORECASE)
#: an embedded post quotes someone's account: "... pic.twitter.com/x — Name (@handle) May 2, 2018"
_EMBED_RE = re.compile(r"pic\.twitter\.com|\(@\w+\)|https?://t\.co/", re.IGNORECASE)


#: an imperative aimed at someone else is advice in an opinion piece ("Support them financially ...")
_OTHERS_RE = re.compile(r"\s+(?:them|their|him|his|her|those|these)\b", re.IGNORECASE)


#: a question with "you" left out asks the reader ("Want the news first?", "Enjoyed this story?")
_ELLIPTIC_YOU = frozenset(("want", "need", "enjoyed", "enjoy", "liked", "like", "love", "loved", "prefer", "fancy"))
_QUESTION_END_RE = re.compile(r"[^.!?]{1,80}\?")
#: a suggestion put to the reader ("Why not start the discussion?")
_WHY_NOT_RE = re.compile(r"(?:^|[.!?]\s+)why not [a-z]+[^.!?]{0,60}\?", re.IGNORECASE)


def _reader_address(norm: str, imperatives: frozenset[str], self_address: bool = True, memo: dict | None = None) -> str:
    """The strict address of the newer categories: "you", an imperative, or the page naming itself.

    ``memo`` (a dict kept for one line) saves what does not depend on the category.
    """
    if norm[:1] in _QUOTE_OPEN or _is_reported(norm, memo) or _EMBED_RE.search(norm):
        return ""
    # what the line says in its own voice
    if memo is None:
        bare = _QUOTED_RE.sub(" ", norm)
    else:
        bare = memo.get(("bare", norm))
        if bare is None:
            bare = memo[("bare", norm)] = _QUOTED_RE.sub(" ", norm)
    first = _WORD_RE.match(bare)
    if first and (first.group(0).lower() in imperatives or first.group(0).lower() in CTA_VERBS) \
            and _OTHERS_RE.match(bare, first.end()):
        return ""  # advice about others ("Support them financially if you can"), not the site's ask
    for m in _READER_RE.finditer(bare):
        if m.group("self") and (not self_address or _EDITOR_NOTE_RE.search(bare)):
            continue
        if m.group(0)[:3].lower() == "our" and len(bare.split()) < 4:
            continue  # "Our Journalism" alone is a heading or a menu item, not the site asking
        return f"speaks to the reader ('{m.group(0).lower()}')"
    for m in _SENTENCE_START_RE.finditer(bare):
        word = m.group(1).lower()
        if bare[m.end(1):m.end(1) + 1] == "-":
            continue  # "Log-in details ...": a noun, not an imperative
        if (word == "please" or word in imperatives or word in CTA_VERBS) and not _FINITE_RE.match(bare, m.end(1)) \
                and not _OTHERS_RE.match(bare, m.end(1)):
            return f"tells the reader to act ('{m.group(1)}')"
        if word in _ELLIPTIC_YOU and _QUESTION_END_RE.match(bare, m.end(1)):
            return f"asks the reader what they want ('{m.group(1)}')"
    if _CHECKBOX_RE.match(bare):
        return "a form's checkbox speaking as the reader ('" + bare.split()[0] + " " + bare.split()[1] + "')"
    if _WHY_NOT_RE.search(bare):
        return "suggests the reader act ('why not')"
    return ""


def _may_address(text: str, memo: dict | None = None) -> bool:
    """False only when ``_reader_address`` must fail on ``text`` for every newer category (a quick test)."""
    bare = _QUOTED_RE.sub(" ", text)
    if memo is not None:
        memo[("bare", text)] = bare
    if _READER_RE.search(bare) or _CHECKBOX_RE.match(bare) or _WHY_NOT_RE.search(bare):
        return True
    return any(m.group(1).lower() in _STRICT_OPENERS for m in _SENTENCE_START_RE.finditer(bare))


#: the last piece of a line after a sentence end or a symbol ("... readers like you. 💛 Donate")
_TAIL_RE = re.compile(r"(?:[.!?]|[^\w\s.,;:!?'’\"“”()-])\s*((?:[A-Za-z][\w'’-]*\s*){1,3})$")


def _tail_button(norm: str, cat: _Category) -> str:
    """Why the line ends on one of ``cat``'s buttons (1-3 button words with a key), or ""."""
    m = _TAIL_RE.search(norm)
    if not m or not cat.button_keys:
        return ""
    words = m.group(1).lower().split()
    if all(_known(w, cat.button_words) for w in words) and any(_known(w, cat.button_keys) for w in words):
        return f"ends on the widget's button ('{m.group(1).strip()}')"
    return ""


def _known(word: str, vocabulary: frozenset[str]) -> bool:
    """``word`` or its stem is in ``vocabulary`` ("accepting", "settings", "preferred" -> accept, setting, prefer)."""
    if word in vocabulary:
        return True
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[:-len(suffix)] in vocabulary:
            return True
    return False


#: every pattern behind the literal pre-test of :mod:`slant.clean.literal_gate`: a line that holds
#: none of the words a pattern needs skips it (same answers; long prose pays for far fewer regexes)
_CATEGORIES = tuple(replace(cat, **{field: _literal_gated(getattr(cat, field)) for field in
                                    ("topic", "weak", "action", "notice", "schedule", "product")})
                    for cat in _CATEGORIES)
#: the same patterns for truth tests, split into their alternatives (see ``AnyOf``)
_TOPIC_FOUND = {cat.name: AnyOf(getattr(cat.topic, "regex", cat.topic)) for cat in _CATEGORIES}
_WEAK_FOUND = {cat.name: AnyOf(getattr(cat.weak, "regex", cat.weak)) for cat in _CATEGORIES}
_ADDRESS_RE, _REPORTED_RE, _SAID_RE, _READER_RE, _EDITOR_NOTE_RE, _EMBED_RE, _WHY_NOT_RE = map(
    _literal_gated, (_ADDRESS_RE, _REPORTED_RE, _SAID_RE, _READER_RE, _EDITOR_NOTE_RE, _EMBED_RE, _WHY_NOT_RE))

#: which categories each gate word opens, as a bit mask (bit i: _CATEGORIES[i])
_CATEGORY_WORDS = WordMasks(CATEGORY_GATES[cat.name][0] for cat in _CATEGORIES)
_CATEGORY_BIT = {cat.name: bit for bit, cat in enumerate(_CATEGORIES)}
#: the categories with notices of their own
_APP_BIT = _CATEGORY_BIT["app prompt"]
_NOTICE_CATEGORIES = tuple(cat for cat in _CATEGORIES if cat.notice is not None)
#: every word that opens an imperative for some newer category
_STRICT_OPENERS = CTA_VERBS | {"please"} | _ELLIPTIC_YOU | frozenset(
    w for cat in _CATEGORIES if cat.strict_address for w in cat.imperatives)


#: (session 11, j11, set U) an app as the subject a review describes ("The companion app is basic but ... lets you remap
#: the touch controls."), unless the line offers it ("our app", "download", "available on")
_APP_DESCRIBED_RE = re.compile(r"^(?:the|this|its|their|his|her)\s(?:[\w'’.&-]+ ){0,3}apps?\s(?:is|are|was|were|has|have|had|"
                               r"includes?|included|lets|let|offers?|offered|works|worked|supports?|feels|looks|does|doesn't|"
                               r"isn't|can|also|still|now|remains|needs|requires)\b", re.IGNORECASE)
_APP_OFFERED_RE = re.compile(r"\b(?:our|download|install|get it|available (?:on|in|from|for)|app store|google play|free)\b",
                             re.IGNORECASE)


def categorize(norm: str, *, gated: bool = True) -> CategoryHit | None:
    """The junk category of one whitespace-collapsed line, or None when it is none of them.

    ``gated=False`` skips the word gate, for checking that the gate never changes an answer.
    """
    words = [w.lower().replace("’", "'") for w in _WORD_RE.findall(norm)]
    n = len(words)
    if not n or n > MAX_WORDS or norm[:1] == "<":  # markup (an embedded tweet) is no prompt
        return None
    # "cookie's" opens the gate as "cookie", as the topic patterns' \b sees it
    word_set = set(words)
    word_set.update(w.split("'")[0] for w in words if "'" in w)
    if gated:
        # the categories whose gate opens, as a bit mask: the line's words looked up once
        opened = _CATEGORY_WORDS.opened(word_set)
        if not opened and not any(c in norm for c in GATE_CHARS):
            return None
    best: CategoryHit | None = None
    best_topics = 0
    head = _FIRST_SENTENCE_RE.match(norm).group(0) if n > SHORT_WORDS else norm
    strict_possible: bool | None = None  # could any newer category find its address? (computed once)
    common_address: str | None = None  # the category-independent part of ``_address`` (computed once)
    memo: dict = {}  # what the address tests find in this line and its head, whatever the category
    for bit, cat in enumerate(_CATEGORIES):
        if bit == _APP_BIT and norm[:1] in "TtIiHh" and _APP_DESCRIBED_RE.match(norm) and not _APP_OFFERED_RE.search(norm):
            continue  # a review describing an app in the third person, not the site offering its own
        if gated and not (opened >> bit) & 1:
            gate_chars = CATEGORY_GATES[cat.name][1]
            if not (gate_chars and any(c in norm for c in gate_chars)):
                continue
        if 2 <= n <= BUTTON_MAX_WORDS and norm[:1] not in _QUOTE_OPEN \
                and all(w in BUTTON_JOINERS or _known(w, cat.button_words) for w in words) \
                and any(_known(w, cat.button_keys) for w in words):
            hit = CategoryHit(cat.name, BUTTON_WEIGHT, f"a button or form field of a {cat.name} ('{norm.strip()}')")
            if best is None or hit.weight > best.weight:
                best = hit
            continue
        if cat.strict_address:
            if strict_possible is None:
                # the address may also be a button ending a long line (see ``_tail_button``)
                strict_possible = _may_address(head, memo) or (n > SHORT_WORDS and norm[-1:].isalpha()
                                                                 and _TAIL_RE.search(norm) is not None)
            if not strict_possible:
                continue
        head_why = ""
        if cat.strict_address and n > SHORT_WORDS:
            # a long prompt is a prompt from its first sentence on; prose that ends on a pointer
            # ("... Read Porter's article here.") or has a widget glued on starts as prose. Checked
            # first: it reads only the first sentence, and most long prose fails it there.
            if not (_TOPIC_FOUND[cat.name].search(head) or _WEAK_FOUND[cat.name].search(head)):
                continue
            head_why = _reader_address(head, cat.imperatives, cat.self_address, memo)
            if not head_why and _TOPIC_FOUND[cat.name].search(head):
                # or its first sentence is about the subject and the line ends on the widget's own button
                # ("X is a nonprofit newsroom. ... 💛 Donate")
                head_why = _tail_button(norm, cat)
            if not head_why:
                continue
        elif not cat.needs_address and not _TOPIC_FOUND[cat.name].search(norm):
            continue  # a notice needs one of its strong terms
        early_why = ""
        if cat.needs_address and not cat.strict_address and not (cat.schedule is not None and n <= DENSE_MAX_WORDS):
            # the address decides alone here (no dense-topic fallback): look for it before the topic,
            # as most prose lines have no address and the topic patterns are the dearer test
            if common_address is None:
                common_address = _common_address(norm, n, memo)
            early_why = _address(norm, cat.imperatives, n, common_address)
            if not early_why:
                continue
        strong = list(dict.fromkeys(m.group(0).lower() for m in cat.topic.finditer(norm)))
        scheduled = False
        if cat.schedule is not None:
            # a newsletter described by when it comes and what it is ("Your weekday guide to ...")
            when = cat.schedule.search(norm)
            what = when and cat.product.search(norm)
            if what and (0 <= what.start() - when.end() <= SCHEDULE_GAP or 0 <= when.start() - what.end() <= SCHEDULE_GAP) \
                    and not _THIRD_POSSESSIVE_RE.search(norm, 0, min(when.start(), what.start())):
                strong.append(f"{when.group(0).lower()} ... {what.group(0).lower()}")
                scheduled = True
        # a weak term that is the line's first word is no topic of its own for the newer categories:
        # it is the verb an imperative would need ("Share prices tumbled.")
        weak = list(dict.fromkeys(m.group(0).lower() for m in cat.weak.finditer(norm)
                                  if not (cat.strict_address and m.start() == 0)))
        # How much the line is about the subject: a strong term counts 2, a weak one 1. Short lines
        # need 2 (one strong term, or two weak ones), longer ones 3: opinion prose says "we" and
        # "you" and mentions mistakes and briefings; a prompt piles up its subject's words.
        weight = 2 * len(strong) + len(weak)
        if not strong and weak and all(_PRICE_RE.match(w) for w in weak):
            continue  # a price alone is no subject: prose names prices too ("Discover Valley ... cost £1m.")
        if cat.needs_address:
            needs = 1 if n <= TINY_WORDS else cat.short_needs if n <= SHORT_WORDS else cat.long_needs
        else:
            needs = cat.short_needs if n <= SHORT_WORDS else cat.long_needs
        if weight < needs or (not cat.needs_address and not strong):
            continue
        if cat.action is not None and not cat.action.search(norm):
            continue
        if head_why:
            why = head_why
        elif cat.strict_address:
            why = _reader_address(norm, cat.imperatives, cat.self_address, memo)
        elif early_why:
            why = early_why
        elif cat.needs_address:
            if common_address is None:
                common_address = _common_address(norm, n, memo)
            why = _address(norm, cat.imperatives, n, common_address)
            if not why and cat.schedule is not None and n <= DENSE_MAX_WORDS \
                    and weight - 2 * (scheduled and n < DENSE_SCHEDULED_MIN_WORDS) >= DENSE_TOPIC \
                    and norm[:1] not in _QUOTE_OPEN and not _is_reported(norm, memo) and not _AUXILIARY_RE.search(norm) \
                    and (cat.schedule.search(norm) or _FREE_RE.search(norm)):
                # a short line that is nothing but its subject is the site describing its product
                # ("The Briefing lands at 6am. It's free."), whoever it addresses
                why = "made of little else than its subject"
        elif norm[:1] in _QUOTE_OPEN or _SAID_RE.search(norm):
            why = ""
        else:
            why = "a notice, not the article's reporting"
        if not why:
            continue
        topics = strong + weak
        listed = ", ".join(f"'{t}'" for t in dict.fromkeys(topics[:3]))
        hit = CategoryHit(cat.name, CATEGORY_WEIGHT, f"about {cat.topic_words} ({listed}); {why}")
        # the category the line says most about wins ("By subscribing you agree to our Privacy
        # Policy. You can unsubscribe at any time." is a newsletter form, not a consent banner)
        if best is None or hit.weight > best.weight or (hit.weight == best.weight and len(topics) > best_topics):
            best, best_topics = hit, len(topics)
    if (best is None or best.weight < CATEGORY_WEIGHT) and norm[:1] not in _QUOTE_OPEN:
        reported: bool | None = None
        for cat in _NOTICE_CATEGORIES:  # what a site says of its own rules, speaking to no one
            if gated and not (opened >> _CATEGORY_BIT[cat.name]) & 1:
                continue
            if reported is None:
                reported = _is_reported(norm, memo)
            if reported:
                break
            found = cat.notice.search(norm if n <= NOTICE_MAX_WORDS else head)
            if found:
                return CategoryHit(cat.name, CATEGORY_WEIGHT, f"about {cat.topic_words} ('{found.group(0).lower()}'); "
                                                              "the site's own notice, not the article's reporting")
    return best
