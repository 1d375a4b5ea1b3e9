import os


def main_handler(event, context):
    greeting = os.environ.get("GREETING", "hello")
    name = (event or {}).get("name", "world")
    return {"message": f"{greeting}, {name}!"}
