	dependencies {
  implementation("com.openai:openai-java:1.0")
}
