/**
 * Who works where: a social worker's assignments to centres, as facts. The identity provider says who a person is
 * and her roles; these events say where she works. A staff member is named by her login name ({@code staffId}); her
 * stream in the event store is {@link ma.masar.api.staff.StaffStream#of}, so that a login name never shares an
 * aggregate identifier with a centre or a case.
 */
package ma.masar.api.staff;
