Gem::Specification.new do |s|
  s.add_dependency 'anthropic'
end
