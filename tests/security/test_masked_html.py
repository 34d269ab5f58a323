"""mask_source_html is marked safe (bandit B308/B703, reviewed): every piece it joins is escaped.

A source whose details hold HTML, and a text around them that holds HTML, must both come out as
text on the page, whether the details are masked, not found, or unreadable.
"""

from sanitiser import SourceIdentity
from triage.masking import mask_source_html

SOURCE = SourceIdentity(
    name="Sarah Hughes",
    role="Head of Year 9",
    organisation='Kingsweston <Academy> & "Sons"',
    email="s.hughes@kwa.example.sch.uk",
    phone="+441174960123",
)
MASK_OPEN = '<span class="cpi-masked">'


def _markup_outside_masks(html: str) -> str:
    return html.replace(MASK_OPEN, "").replace("</span>", "")


def test_a_masked_value_holding_html_comes_out_as_text_around_its_mask():
    text = '<img src=x onerror=alert(1)> Sarah Hughes of Kingsweston <Academy> & "Sons" rang'
    html = mask_source_html(text + " from <i>the office</i> & left", SOURCE)
    assert "Hughes" not in html
    assert "Kingsweston" not in html
    assert MASK_OPEN in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;i&gt;the office&lt;/i&gt; &amp; left" in html
    assert "<" not in _markup_outside_masks(html)


def test_a_text_naming_nobody_is_escaped_whole():
    text = '<script>alert("x")</script> & <a href="javascript:void(0)">link</a>'
    html = mask_source_html(text, SOURCE)
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;a href=&quot;javascript:void(0)&quot;&gt;link&lt;/a&gt;"
    )


def test_an_unreadable_source_hides_a_text_holding_html_behind_one_mask():
    html = mask_source_html("<script>alert(1)</script>", None)
    assert html == f"{MASK_OPEN}[hidden: source details unreadable]</span>"
    assert mask_source_html("", SOURCE) == ""
