"""Shared helpers the demo's functions load from the common-greetings layer."""


def greet(name, style="plain"):
    text = "hello, %s" % name
    return text.upper() if style == "loud" else text
