#!/usr/bin/env python3
"""Generates synthetic prompt logs for the memory and speed benchmark (not committed):

    bench/gen_logs.py jsonl SIZE_MB OUT      OpenAI-style request log, one request per line
    bench/gen_logs.py chatgpt SIZE_MB OUT    ChatGPT conversations.json, one line, branching trees

French and English business prose, about 1 message in 200 carrying an email, a phone number,
an IBAN, a card number, an AWS key or a classification marker, so that validators run."""
import json, random, sys

random.seed(42)
WORDS = ("le la les des une un pour avec sur dans projet budget client équipe réunion contrat "
         "facture livraison planning rapport the and of to for with report meeting customer team "
         "invoice delivery schedule summary analyse résumé données data cloud migration sécurité "
         "café élève à où été déjà prévu révision comité stratégie").split()
DATA = ["claire.martin@durand-logistique.fr", "06 71 28 45 93", "FR76 3000 6000 0112 3456 7890 189",
        "4970 1012 3456 7893", "aws_access_key_id=AKIAQX4B7ZP2MDKT5NWE", "Diffusion restreinte",
        "NIR 1 85 05 78 006 084 91", "ghp_R8fK2mQ9vX1pL7nZ4wB6yT3cH5jD0sA2gE8u"]
MODELS = ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet-20241022", "mistral-large-latest", "deepseek-chat"]

def prose(n):
    s = " ".join(random.choice(WORDS) for _ in range(n))
    if random.random() < 0.005:
        s += " " + random.choice(DATA)
    return s

def jsonl(out, limit):
    with open(out, "w") as f:
        size, i = 0, 0
        while size < limit:
            i += 1
            msgs = [{"role": "system", "content": "You are the ACME assistant."}]
            for _ in range(random.randint(1, 3)):
                msgs.append({"role": "user", "content": prose(random.randint(20, 120))})
                msgs.append({"role": "assistant", "content": prose(random.randint(40, 200))})
            line = json.dumps({"id": f"chatcmpl-{i}", "created": 1741180800 + i, "model": random.choice(MODELS),
                               "user": f"emp-{i % 500}", "messages": msgs[:-1],
                               "choices": [{"index": 0, "message": msgs[-1], "finish_reason": "stop"}]},
                              ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode())

def node(id, parent, children, role, text, t):
    return {"id": id, "parent": parent, "children": children, "message": {
        "id": id, "author": {"role": role, "name": None, "metadata": {}}, "create_time": t, "update_time": None,
        "content": {"content_type": "text", "parts": [text]}, "status": "finished_successfully",
        "end_turn": role == "assistant" or None, "weight": 1.0,
        "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {}, "recipient": "all", "channel": None}}

def chatgpt(out, limit):
    with open(out, "w") as f:
        f.write("[")
        size, i = 1, 0
        while size < limit:
            i += 1
            t = 1740000000.0 + i * 100
            mapping = {"root": {"id": "root", "message": None, "parent": None, "children": ["n0"]}}
            parent, last = "root", "root"
            for k in range(random.randint(2, 12)):
                role = "user" if k % 2 == 0 else "assistant"
                nid = f"n{k}"
                mapping[nid] = node(nid, parent, [f"n{k + 1}"], role, prose(random.randint(20, 200)), t + k)
                if role == "user" and random.random() < 0.2:  # an edited-away sibling
                    mapping[nid + "x"] = node(nid + "x", parent, [], role, prose(40), t + k + 0.5)
                    mapping[parent]["children"].append(nid + "x")
                parent, last = nid, nid
            mapping[last]["children"] = []
            conv = {"title": prose(4)[:40], "create_time": t, "update_time": t + 50, "mapping": mapping,
                    "current_node": last, "default_model_slug": "gpt-4o", "id": f"c-{i}", "conversation_id": f"c-{i}"}
            s = ("," if i > 1 else "") + json.dumps(conv, ensure_ascii=False)
            f.write(s)
            size += len(s.encode())
        f.write("]")

if __name__ == "__main__":
    kind, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    {"jsonl": jsonl, "chatgpt": chatgpt}[kind](out, int(mb * 1024 * 1024))
