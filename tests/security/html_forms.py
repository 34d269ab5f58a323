"""The forms on a page, read from its HTML as a browser would submit them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, hidden, password, radio, checkbox, select, button, ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, FormField] = field(default_factory=dict)

    def values(self) -> list[tuple[str, str]]:
        """What submitting the form unchanged sends."""
        pairs = []
        for item in self.fields.values():
            if item.kind in {"radio", "checkbox"} or item.kind == "select":
                pairs += [(item.name, value) for value in item.checked]
            elif item.kind not in {"submit", "button", "file", "image", "reset"}:
                pairs.append((item.name, item.value))
        return pairs


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.start_tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._form: Form | None = None
        self._textarea: FormField | None = None
        self._select: FormField | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""

    def handle_starttag(self, tag, attrs):
        self.start_tags.append((tag, attrs))
        attributes = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=attributes.get("action") or "",
                method=(attributes.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
            return
        if self._form is None or "name" not in attributes:
            if tag == "option" and self._select is not None:
                self._option = (attributes.get("value"), "selected" in attributes)
                self._option_text = ""
            return
        name = attributes["name"] or ""
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            existing = self._form.fields.get(name)
            if kind in {"radio", "checkbox"}:
                item = existing or self._form.fields.setdefault(name, FormField(name, kind))
                item.options.append(attributes.get("value") or "on")
                if "checked" in attributes:
                    item.checked.append(attributes.get("value") or "on")
                item.multiple = kind == "checkbox"
            else:
                self._form.fields[name] = FormField(name, kind, attributes.get("value") or "")
        elif tag == "button":
            # The button pressed is sent with the form: each named button is one choice.
            item = self._form.fields.setdefault(name, FormField(name, "button"))
            item.options.append(attributes.get("value") or "")
        elif tag == "textarea":
            self._textarea = self._form.fields[name] = FormField(name, "textarea")
        elif tag == "select":
            self._select = self._form.fields[name] = FormField(
                name, "select", multiple="multiple" in attributes
            )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A new line just after <textarea> is not part of the value (HTML's parsing rules).
            if self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            self._select.options.append(value)
            if selected:
                self._select.checked.append(value)
            self._option = None
        elif tag == "select":
            self._select = None


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser


def forms_on(html: str) -> list[Form]:
    return parse(html).forms
