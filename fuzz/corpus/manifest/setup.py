setup(name="x", install_requires=["openai", "cohere==5"])
