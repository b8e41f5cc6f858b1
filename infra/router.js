// The site's CloudFront Function (cloudfront-js-2.0), on the viewer-request and viewer-response
// events of the distribution in infra/site.yaml, which holds a copy of this code: after editing
// it, run `python -m scripts infra` to copy it there (tests/test_infra.py checks they agree).
//
// Viewer request:  /            -> /index.html
//                  /dir/        -> /dir/index.html, when the site has that page
//                  /dir         -> 301 to /dir/, when the site has that page
//                  /file.ext    -> unchanged (a missing file is the distribution's 403/404 error page)
//                  /404.html    -> unchanged, and status 404 (no one should link to it)
//                  any other    -> the 404 page of its language: /fr/... gets /fr/404.html
// Viewer response: a 404 page served for a missing page gets status 404.
// A function never sees whether S3 holds an object (it runs before the cache and the origin), so it
// knows the pages from PAGES, which `python -m scripts infra` writes from the nav of mkdocs.yml.

// pages: begin (written by `python -m scripts infra`)
var PAGES = {
  "": 1,
  "big-picture/": 1,
  "big-picture/what-is-aws/": 1,
  "big-picture/web-app-riddle/": 1,
  "big-picture/hello-aws/": 1,
  "big-picture/global-infrastructure/": 1,
  "big-picture/how-aws-works/": 1,
  "big-picture/aws-and-the-others/": 1,
  "big-picture/conclusion/": 1,
  "core-services/": 1,
  "core-services/ec2/": 1,
  "core-services/s3/": 1,
  "core-services/rds/": 1,
  "core-services/route53/": 1,
  "app-services/": 1,
  "app-services/elastic-beanstalk/": 1,
  "app-services/lambda/": 1,
  "app-services/dynamodb/": 1,
  "app-services/vpc/": 1,
  "app-services/cloudfront/": 1,
  "app-services/cloudwatch/": 1,
  "app-services/sns/": 1,
  "app-services/ec2-auto-scaling/": 1,
  "app-services/elasticache/": 1,
  "cli-to-code/": 1,
  "cli-to-code/aws-cli/": 1,
  "cli-to-code/sdks/": 1,
  "cli-to-code/credentials-and-roles/": 1,
  "cli-to-code/infrastructure-as-code/": 1,
  "cli-to-code/hosting/": 1,
  "glossary/": 1,
  "categories/": 1,
  "translations/": 1,
  "contributing/": 1
};
var LANGUAGES = ["fr"];
// pages: end

var NOT_FOUND = "404.html";

function route(uri) {
  var prefix = "/";
  var rest = uri.slice(1);
  for (var i = 0; i < LANGUAGES.length; i++) {
    var language = LANGUAGES[i];
    if (rest === language) {
      return { redirect: "/" + language + "/" };
    }
    if (rest.indexOf(language + "/") === 0) {
      prefix = "/" + language + "/";
      rest = rest.slice(language.length + 1);
      break;
    }
  }
  var last = rest.slice(rest.lastIndexOf("/") + 1);
  if (last === NOT_FOUND) {
    return { uri: uri, missing: true };
  }
  if (last.indexOf(".") !== -1) {
    return { uri: uri };
  }
  if (rest === "" || rest.charAt(rest.length - 1) === "/") {
    return PAGES[rest] ? { uri: uri + "index.html" } : { uri: prefix + NOT_FOUND, missing: true };
  }
  return PAGES[rest + "/"] ? { redirect: uri + "/" } : { uri: prefix + NOT_FOUND, missing: true };
}

function handler(event) {
  var request = event.request;
  var target = route(request.uri);
  if (event.context.eventType === "viewer-response") {
    var response = event.response;
    if (target.missing && response.statusCode === 200) {
      response.statusCode = 404;
      response.statusDescription = "Not Found";
    }
    return response;
  }
  if (target.redirect) {
    return {
      statusCode: 301,
      statusDescription: "Moved Permanently",
      headers: { location: { value: target.redirect } },
    };
  }
  request.uri = target.uri;
  return request;
}
