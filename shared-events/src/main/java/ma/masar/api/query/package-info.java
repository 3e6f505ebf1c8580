/**
 * The questions the query side answers and the shapes of its answers, as Axon queries. REST controllers, the live
 * streams and any other service ask them through the query gateway, so the read models can run in their own service.
 * Results carry no rendering decisions beyond what the query asked for (a timeline in Arabic or French).
 */
package ma.masar.api.query;
